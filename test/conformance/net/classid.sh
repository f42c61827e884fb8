# net_cls.classid: 0 by default, any u64 written is kept as its low 32 bits
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^net_cls[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o net_cls cgroup h
mkdir h/a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
cat h/a/net_cls.classid
for v in 1 0x100001 4294967295 4294967296 4294967297 18446744073709551615 18446744073709551616 -1 abc " 5" "5 " 010 "" 0; do w "$v" h/a/net_cls.classid; cat h/a/net_cls.classid; done
rmdir h/a
settle
umount h
