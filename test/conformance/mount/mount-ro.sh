# a hierarchy first mounted read-only has a read-only superblock: EROFS through a later rw mount point too, until remount,rw
cd $CGKIT_TMP
mkdir a b
mount -t cgroup -o ro,none,name=$CGKIT_PREFIX-1 cgroup a && echo "ro: mounted"
mkdir a/x
mount -t cgroup -o rw,none,name=$CGKIT_PREFIX-1 cgroup b && echo "rw: mounted"
grep "$CGKIT_TMP" /proc/self/mounts
mkdir b/x
cat b/tasks | grep -c "^$$\$"
mount -o remount,rw b && echo "remount,rw: ok"
grep "$CGKIT_TMP" /proc/self/mounts
mkdir b/x && echo "mkdir: ok"
mkdir a/y
rmdir b/x
