# net_cls and net_prio mounted together: their files and modes in the root and a child
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^net_cls[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
lsl() { ls -l "$1" | while read m a b c d e f g n; do [ -n "$n" ] && echo "$m $n"; done; }
mkdir h
mount -t cgroup -o net_cls,net_prio cgroup h
lsl h
mkdir h/a
lsl h/a
rmdir h/a
settle
umount h
