# a perf_event hierarchy has only the core files, in the root and in children
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^perf_event[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
lsl() { ls -l "$1" | while read m a b c d e f g n; do [ -n "$n" ] && echo "$m $n"; done; }
mkdir h
mount -t cgroup -o perf_event cgroup h
grep "$CGKIT_TMP" /proc/self/mounts | cut -d' ' -f3,4
lsl h
mkdir -p h/a/b
lsl h/a
ls h/a/b
grep perf_event /proc/self/cgroup | cut -d: -f2-
rmdir h/a/b h/a
settle
umount h
