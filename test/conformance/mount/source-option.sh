# a source= option in the mount data is EINVAL: mount(2) has already given the source (the device argument)
cd $CGKIT_TMP
mkdir a b
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,source=fromopt devarg a && echo mounted
grep "$CGKIT_TMP" /proc/self/mounts
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,source=one,source=two devarg b 2>/dev/null || echo "two sources: failed $?"
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
