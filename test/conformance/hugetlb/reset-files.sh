# max_usage_in_bytes and failcnt (and their rsvd twins) reset on any write; usage files are read-only
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^hugetlb[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o hugetlb cgroup h
mkdir h/a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
for f in max_usage_in_bytes failcnt rsvd.max_usage_in_bytes rsvd.failcnt usage_in_bytes rsvd.usage_in_bytes numa_stat; do
for v in 0 1 -1 x; do w "$v" h/a/hugetlb.2MB.$f; done
done
cat h/a/hugetlb.2MB.max_usage_in_bytes h/a/hugetlb.2MB.failcnt
rmdir h/a
settle
umount h
