# a hierarchy with child cgroups survives umount with its cgroups, tasks, flags and release_agent; mounting the name again finds it all
cd $CGKIT_TMP
mkdir h g
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,xattr,release_agent=/x,clone_children cgroup h
mkdir h/a h/a/b
echo 1 > h/a/notify_on_release
echo $$ > h/a/b/cgroup.procs
umount h && echo unmounted
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
mount -t cgroup -o name=$CGKIT_PREFIX-1 cgroup g && echo "mounted again"
grep "$CGKIT_TMP" /proc/self/mounts
ls g/a
cat g/a/notify_on_release g/a/b/cgroup.procs
echo $$ > g/cgroup.procs
