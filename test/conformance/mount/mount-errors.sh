# mount(8)'s messages and exit status for failed cgroup mounts: EINVAL, EBUSY, a missing or non-directory mount point, an unknown type
cd $CGKIT_TMP
mkdir x
touch file
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,bogus srcA x
echo "exit $?"
mount -t cgroup -o pids,name=$CGKIT_PREFIX-1 srcB x
echo "exit $?"
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 srcC missing
echo "exit $?"
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 srcD file
echo "exit $?"
mount -t cgroupfs -o none,name=$CGKIT_PREFIX-1 srcE x
echo "exit $?"
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 srcG x
echo "exit $?"
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 srcG x
echo "exit $?"
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
