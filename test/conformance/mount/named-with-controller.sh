# a named hierarchy with a controller is found again by its name alone or by its controller set alone; none with its name is EBUSY
cd $CGKIT_TMP
mkdir h x1 x2 x3 x4
mount -t cgroup -o perf_event,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/marker
grep "$CGKIT_TMP" /proc/self/mounts
i=0
for o in name=$CGKIT_PREFIX-1 perf_event none,name=$CGKIT_PREFIX-1 perf_event,name=$CGKIT_PREFIX-2; do
	i=$((i + 1))
	if err=$(mount -t cgroup -o $o src$i x$i 2>&1); then echo "$o: mounted, $(ls -d x$i/marker)"; else echo "$o: $(echo "$err" | head -n1 | sed 's/^mount: [^:]*: //')"; fi
done
grep "$CGKIT_TMP/x" /proc/self/mounts
echo "cgroup lines: $(grep -c "name=$CGKIT_PREFIX" /proc/self/cgroup)"
grep "perf_event" /proc/self/cgroup
