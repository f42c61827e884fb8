# net_prio.prioidx is the css id: 1 for the root, then the lowest free id; it cannot be written
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^net_prio[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o net_prio cgroup h
mkdir h/a h/b h/a/c
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
cat h/net_prio.prioidx h/a/net_prio.prioidx h/b/net_prio.prioidx h/a/c/net_prio.prioidx
w 5 h/a/net_prio.prioidx
rmdir h/a/c h/a h/b
settle
umount h
