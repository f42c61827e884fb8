# controller hierarchies are matched by their exact set: the same set (any order, other flags ignored) reuses, a subset or superset is EBUSY
cd $CGKIT_TMP
mkdir h x1 x2 x3 x4 x5 x6
mount -t cgroup -o net_cls,net_prio cgroup h && echo mounted
grep ':net_cls' /proc/self/cgroup
grep -E "^net_(cls|prio)" /proc/cgroups
mkdir h/marker
i=0
for o in net_prio,net_cls net_cls,net_prio,xattr net_cls net_prio net_cls,net_prio,perf_event net_cls,net_prio,name=$CGKIT_PREFIX-1; do
	i=$((i + 1))
	if err=$(mount -t cgroup -o $o src x$i 2>&1); then echo "$o: mounted, $(ls -d x$i/marker)"; else echo "$o: $(echo "$err" | head -n1 | sed 's/^mount: [^:]*: //')"; fi
done
grep "$CGKIT_TMP" /proc/self/mounts
