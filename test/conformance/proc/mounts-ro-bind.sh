# a read-only bind of a cgroup mount shows "ro" among the per-mount options while the superblock stays rw, and writes through it fail with EROFS
mkdir h r
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mount --bind h r
mount -o remount,bind,ro r
grep "$CGKIT_TMP" /proc/mounts
grep "$CGKIT_TMP" /proc/self/mountinfo | cut -d' ' -f5,6,9-
mkdir r/x || echo "mkdir: status $?"
/bin/echo 1 > r/notify_on_release || echo "write: status $?"
mkdir h/y && ls -d r/y
umount r
