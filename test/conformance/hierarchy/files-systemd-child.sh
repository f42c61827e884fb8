# a child of name=systemd has the same files as a child of a private named hierarchy; root-only files stay at the root
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a h/a/b
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a a/b
echo "systemd child:"; ls a
echo "systemd grandchild:"; ls -f a/b
echo "private grandchild:"; ls -f $CGKIT_TMP/h/a/b
for f in release_agent cgroup.sane_behavior; do
	[ -e a/$f ] && echo "$f in a systemd child" || echo "$f: not in a systemd child"
	[ -e $CGKIT_TMP/h/$f ] && echo "$f at the private root" || echo "$f: not at the private root"
done
cd $CGKIT_TMP
rmdir h/a/b h/a
