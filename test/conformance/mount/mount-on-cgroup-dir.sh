# a cgroup directory can be a mount point (here of another hierarchy); rmdir of it is then EBUSY, and it works again after umount
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
mount -t cgroup -o none,name=$CGKIT_PREFIX-2 cgroup h/a && echo "on h/a: mounted"
grep "$CGKIT_TMP" /proc/self/mounts
mkdir h/a/inner
rmdir h/a
umount h/a
ls h/a
rmdir h/a && echo "rmdir after umount: ok"
mount -t cgroup -o none,name=$CGKIT_PREFIX-2 cgroup h && echo "stacked on h: mounted"
ls -d h/inner
umount h
echo "inner: $(ls h | grep -c inner)"
# mounted again: the sandbox's cleanup removes the hierarchy's cgroups
mkdir g
mount -t cgroup -o none,name=$CGKIT_PREFIX-2 cgroup g
