# a cgroup directory's link count is 2 plus its child cgroups, as mkdir and rmdir change it
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
nl() { ls -lnd "$1" | tr -s ' ' | cut -d' ' -f2; }
mkdir a
echo "empty: $(nl a)"
mkdir a/b a/c a/d
echo "three children: $(nl a)"
mkdir a/b/x
echo "grandchild: $(nl a) $(nl a/b)"
rmdir a/c
echo "after rmdir: $(nl a)"
mv a/d a/e
echo "after rename: $(nl a)"
