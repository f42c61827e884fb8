# a new hugetlb cgroup: no usage, limits at PAGE_COUNTER_MAX pages, empty numa_stat
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^hugetlb[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o hugetlb cgroup h
mkdir h/a
for f in h/a/hugetlb.*; do echo "== $f"; cat $f; done
echo "== root"; cat h/hugetlb.2MB.limit_in_bytes h/hugetlb.1GB.rsvd.limit_in_bytes
rmdir h/a
settle
umount h
