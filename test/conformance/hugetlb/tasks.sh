# tasks attach to hugetlb cgroups freely; without huge pages in use the counters stay zero
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^hugetlb[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o hugetlb cgroup h
mkdir h/a
sleep 100 & p=$!
echo $p > h/a/cgroup.procs
grep hugetlb /proc/$p/cgroup | cut -d: -f2-
echo 0 > h/a/hugetlb.2MB.limit_in_bytes
cat h/a/hugetlb.2MB.usage_in_bytes h/a/hugetlb.2MB.failcnt h/a/hugetlb.2MB.limit_in_bytes
kill $p; wait $p
rmdir h/a
settle
umount h
