# remount can bind an unbound controller to an empty named hierarchy; one bound elsewhere is EBUSY
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mount -o remount,perf_event h && echo "remount,perf_event: ok"
grep "$CGKIT_TMP" /proc/self/mounts
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
grep '^perf_event' /proc/cgroups
ls h
mount -o remount,pids h 2>/dev/null || echo "remount,pids: failed $?"
grep "$CGKIT_TMP" /proc/self/mounts
