# a controller bound to another hierarchy cannot join a new one (EBUSY), alone with a new name or with other controllers; nothing is bound on failure
cd $CGKIT_TMP
mkdir x
for o in pids,name=$CGKIT_PREFIX-1 cpu,cpuacct pids,perf_event memory,name=$CGKIT_PREFIX-2,xattr "name=$CGKIT_PREFIX-3,cpuset"; do
	if err=$(mount -t cgroup -o $o src x 2>&1); then echo "$o: mounted"; else echo "$o: $(echo "$err" | head -n1 | sed 's/^mount: [^:]*: //')"; fi
done
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
echo "cgroup lines: $(grep -c "name=$CGKIT_PREFIX" /proc/self/cgroup)"
