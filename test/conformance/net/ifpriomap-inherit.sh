# a new net_prio cgroup copies its parent's priorities at creation; later changes do not propagate
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^net_prio[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o net_prio cgroup h
mkdir h/a h/a/before
echo "eth0 3" > h/a/net_prio.ifpriomap
echo "lo 9" > h/a/net_prio.ifpriomap
mkdir h/a/after
echo "lo 1" > h/a/net_prio.ifpriomap
echo "== a"; cat h/a/net_prio.ifpriomap
echo "== before"; cat h/a/before/net_prio.ifpriomap
echo "== after"; cat h/a/after/net_prio.ifpriomap
mkdir h/a/after/deeper
echo "== deeper"; cat h/a/after/deeper/net_prio.ifpriomap
rmdir h/a/after/deeper h/a/after h/a/before h/a
settle
umount h
