# with child cgroups a superblock remount (even of per-mount flags) is EBUSY, while remount,bind changes the flags of that mount point alone
cd $CGKIT_TMP
mkdir h g
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup g
mkdir h/a
mount -o remount,nosuid h 2>/dev/null || echo "remount,nosuid: failed $?"
mount -o remount,bind,nosuid,ro h && echo "remount,bind,nosuid,ro: ok"
grep "$CGKIT_TMP" /proc/self/mounts
mkdir h/b
mkdir g/b && echo "mkdir through the other mount point: ok"
mount -o remount,bind,rw h && echo "remount,bind,rw: ok"
grep "$CGKIT_TMP" /proc/self/mounts
