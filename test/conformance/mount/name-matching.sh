# hierarchy names match exactly: case and length matter, so similar names are different hierarchies
cd $CGKIT_TMP
mkdir a b c d
mount -t cgroup -o none,name=$CGKIT_PREFIX-x cgroup a
mount -t cgroup -o none,name=$CGKIT_PREFIX-X cgroup b
mount -t cgroup -o none,name=$CGKIT_PREFIX-x1 cgroup c
mkdir a/only-in-x
ls b c | grep -c only
mount -t cgroup -o name=$CGKIT_PREFIX-x cgroup d && ls -d d/only-in-x
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
