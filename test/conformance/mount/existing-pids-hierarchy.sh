# -o pids mounts the existing pids hierarchy again: the same cgroups (the run's prefix cgroup is there), a move through it shows in /proc/self/cgroup
cd $CGKIT_TMP
mkdir p
mount -t cgroup -o pids cgroup p && echo mounted
grep "$CGKIT_TMP" /proc/self/mounts
ls -d p/$CGKIT_PREFIX
mkdir p/$CGKIT_PREFIX/x
ls -d /sys/fs/cgroup/pids/$CGKIT_PREFIX/x
echo $$ > p/$CGKIT_PREFIX/x/cgroup.procs
grep ':pids:' /proc/self/cgroup
cat /sys/fs/cgroup/pids/$CGKIT_PREFIX/x/cgroup.procs
echo $$ > /sys/fs/cgroup/pids/$CGKIT_PREFIX/cgroup.procs
rmdir p/$CGKIT_PREFIX/x
ls /sys/fs/cgroup/pids/$CGKIT_PREFIX | grep -c '^x$'
cat p/cgroup.sane_behavior
