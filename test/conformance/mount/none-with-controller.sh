# none excludes controllers: none with any controller is EINVAL, also with one that is bound elsewhere
cd $CGKIT_TMP
mkdir x
for o in none,perf_event none,name=$CGKIT_PREFIX-1,perf_event perf_event,none none,pids none,cpu,cpuacct; do
	if err=$(mount -t cgroup -o $o src x 2>&1); then echo "$o: mounted"; else echo "$o: $(echo "$err" | head -n1 | sed 's/^mount: [^:]*: //')"; fi
done
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
