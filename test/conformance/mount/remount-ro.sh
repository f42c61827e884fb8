# remount,ro makes the hierarchy read-only through every mount point (EROFS for mkdir and writes, reads work); remount,rw undoes it
cd $CGKIT_TMP
mkdir h g
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup g
mount -o remount,ro h && echo "remount,ro: ok"
grep "$CGKIT_TMP" /proc/self/mounts
mkdir h/a
mkdir g/a
/bin/echo 1 > g/notify_on_release
cat h/notify_on_release
/bin/echo $$ > h/cgroup.procs
mount -o remount,rw h && echo "remount,rw: ok"
grep "$CGKIT_TMP" /proc/self/mounts
mkdir h/a && echo "mkdir: ok"
