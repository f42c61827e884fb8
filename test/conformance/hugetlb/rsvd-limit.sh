# the reservation limit is separate from the fault limit, with the same parsing
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^hugetlb[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o hugetlb cgroup h
mkdir h/a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
for v in 4M 5M 0 -1 x; do w "$v" h/a/hugetlb.2MB.rsvd.limit_in_bytes; cat h/a/hugetlb.2MB.rsvd.limit_in_bytes; done
cat h/a/hugetlb.2MB.limit_in_bytes
rmdir h/a
settle
umount h
