# hugetlb limits are per cgroup: a child does not inherit its parent's limit
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^hugetlb[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o hugetlb cgroup h
mkdir h/a
echo 2M > h/a/hugetlb.2MB.limit_in_bytes
echo 6M > h/a/hugetlb.2MB.rsvd.limit_in_bytes
mkdir h/a/b
cat h/a/b/hugetlb.2MB.limit_in_bytes h/a/b/hugetlb.2MB.rsvd.limit_in_bytes
echo 4M > h/a/b/hugetlb.2MB.limit_in_bytes
cat h/a/hugetlb.2MB.limit_in_bytes h/a/b/hugetlb.2MB.limit_in_bytes
cat h/a/b/hugetlb.2MB.numa_stat h/a/hugetlb.2MB.numa_stat
rmdir h/a/b
rmdir h/a
settle
umount h
