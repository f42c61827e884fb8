# when a controller's hierarchy is destroyed the controller is unbound again (/proc/cgroups hierarchy 0) and can join another hierarchy
cd $CGKIT_TMP
mkdir p q
mount -t cgroup -o perf_event cgroup p
grep '^perf_event' /proc/cgroups
mount -t cgroup -o perf_event,name=$CGKIT_PREFIX-1 cgroup q 2>/dev/null || echo "perf_event,name=: failed $?"
umount p
for i in $(seq 50); do grep -q '^perf_event	0	' /proc/cgroups && break; sleep 0.1; done
grep '^perf_event' /proc/cgroups | cut -f1,2
mount -t cgroup -o perf_event,name=$CGKIT_PREFIX-1 cgroup q && echo "perf_event,name=: mounted"
grep '^perf_event' /proc/cgroups
grep "$CGKIT_TMP" /proc/self/mounts
grep "perf_event" /proc/self/cgroup
