# net_prio.ifpriomap: one line per interface; "IFNAME PRIO" sets one, with sscanf's %u parsing
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^net_prio[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o net_prio cgroup h
mkdir h/a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
cat h/a/net_prio.ifpriomap
for v in "lo 5" "eth0 7" "ifb1 4294967295" "ifb0 4294967296" "lo 99999999999" "lo 0x10" " lo 3" "lo   4" "lo 3 4" "lo 6x"; do w "$v" h/a/net_prio.ifpriomap; done
cat h/a/net_prio.ifpriomap
for v in "eth0 -1" "nosuch 3" "eth0" "eth0 abc" "" "lo" "abcdefghijklmnopq 1" "LO 1" "eth0 +1"; do w "$v" h/a/net_prio.ifpriomap; done
cat h/a/net_prio.ifpriomap
rmdir h/a
settle
umount h
