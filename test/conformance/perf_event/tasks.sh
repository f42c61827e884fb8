# tasks move into a perf_event cgroup and show in /proc/PID/cgroup; the cgroup counts in /proc/cgroups
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^perf_event[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o perf_event,net_cls cgroup h
mkdir h/a
sleep 100 & p=$!
echo $p > h/a/cgroup.procs
cat h/a/tasks | sed "s/^$p$/sleeper/"
grep perf_event /proc/$p/cgroup | cut -d: -f2-
grep -E "^(perf_event|net_cls)" /proc/cgroups | cut -f1,3
kill $p; wait $p
rmdir h/a
settle
umount h
