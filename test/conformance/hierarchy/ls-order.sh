# getdents order of a cgroup directory (ls -f, ls -U: kernfs hash order) against ls's sorted order; a re-made name keeps its slot
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
cd a
mkdir zeta alpha 10 9 B b cgroup.x tasks2 _ a-long-cgroup-name
echo "ls -f:"; ls -f
echo "ls -U:"; ls -U
echo "ls:"; ls
echo "ls -r:"; ls -r
rmdir alpha zeta
mkdir zeta alpha
echo "ls -f after re-making:"; ls -f
