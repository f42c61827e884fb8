# mounting cgroup2 again gives another mount point of the one unified hierarchy, with the run's prefix cgroup in it; v1 options are EINVAL, the same point twice EBUSY
cd $CGKIT_TMP
mkdir u v
mount -t cgroup2 none u && echo mounted
grep "$CGKIT_TMP" /proc/self/mounts
ls -d u/$CGKIT_PREFIX
mkdir u/$CGKIT_PREFIX/x
ls -d /sys/fs/cgroup/unified/$CGKIT_PREFIX/x
rmdir /sys/fs/cgroup/unified/$CGKIT_PREFIX/x
ls u/$CGKIT_PREFIX | grep -c '^x$'
grep '^0::' /proc/self/cgroup
for o in bogus none name=$CGKIT_PREFIX-1 noprefix; do
	mount -t cgroup2 -o $o none v 2>/dev/null || echo "cgroup2 -o $o: failed $?"
done
mount -t cgroup2 none u 2>/dev/null || echo "cgroup2 again on the same point: failed $?"
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
