# /proc/self/mounts lines of cgroup mounts: the source as given (escaped), per-mount flags before the hierarchy's options
cd $CGKIT_TMP
mkdir a b c d
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 "my source" a
mount -t cgroup -o nosuid,nodev,noexec,none,name=$CGKIT_PREFIX-1 cg b
mount -t cgroup -o ro,noatime,none,name=$CGKIT_PREFIX-2 cg c
mount -t cgroup -o none,name=$CGKIT_PREFIX-3,nodiratime,strictatime cg d
grep "$CGKIT_TMP" /proc/self/mounts
mount -t cgroup | grep "$CGKIT_TMP"
