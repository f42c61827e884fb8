# name= alone cannot create a hierarchy (EINVAL: no controllers and no none), but mounts an existing one of that name
cd $CGKIT_TMP
mkdir a b c
mount -t cgroup -o name=$CGKIT_PREFIX-1 cgroup a 2>&1
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
grep -c "name=$CGKIT_PREFIX" /proc/self/cgroup
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup b && echo "none,name=: mounted"
mkdir b/x
mount -t cgroup -o name=$CGKIT_PREFIX-1 cgroup c && echo "name= alone: mounted"
ls -d c/x
grep "$CGKIT_TMP" /proc/self/mounts
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
