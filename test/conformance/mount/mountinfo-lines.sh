# /proc/self/mountinfo for cgroup mounts: root /, per-mount options, fstype, source and superblock options (mount ids left out)
cd $CGKIT_TMP
mkdir a b c u
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,xattr src1 a
mount -t cgroup -o ro,none,name=$CGKIT_PREFIX-1 src2 b
mount -t cgroup -o nosuid,pids src3 c
mount -t cgroup2 src4 u
grep "$CGKIT_TMP" /proc/self/mountinfo | cut -d' ' -f4-
