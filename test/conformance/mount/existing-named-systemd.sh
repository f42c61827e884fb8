# none,name=systemd (or name=systemd alone) mounts the host's named systemd hierarchy again at a new point, with its cgroups
cd $CGKIT_TMP
mkdir s t
mount -t cgroup -o none,name=systemd cgroup s && echo "none,name=systemd: mounted"
mount -t cgroup -o name=systemd cgroup t && echo "name=systemd: mounted"
grep "$CGKIT_TMP" /proc/self/mounts
mkdir s/$CGKIT_PREFIX/x
ls t/$CGKIT_PREFIX /sys/fs/cgroup/systemd/$CGKIT_PREFIX
echo $$ > t/$CGKIT_PREFIX/x/cgroup.procs
grep ':name=systemd:' /proc/self/cgroup
echo $$ > s/$CGKIT_PREFIX/cgroup.procs
rmdir t/$CGKIT_PREFIX/x
