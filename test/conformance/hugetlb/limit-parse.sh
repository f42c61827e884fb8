# hugetlb limits: memparse sizes rounded down to whole huge pages, -1 for none, anything else EINVAL
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^hugetlb[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o hugetlb cgroup h
mkdir h/a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
f=h/a/hugetlb.2MB.limit_in_bytes
for v in 4194304 4194305 1 0 -1 -2 1M 3M 4m 1G 1g 2K 1t 1P 1E 16E 9223372036854775807 9223372036854775808 18446744073709551615 18446744073709551616 abc " 4M" "4M " 4Mx 0x400000 "" max 010 "4 M" +4M; do w "$v" $f; cat $f; done
rmdir h/a
settle
umount h
