# net_cls and net_prio on one hierarchy keep separate state; each inherits on its own
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^net_cls[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o net_cls,net_prio cgroup h
grep "$CGKIT_TMP" /proc/self/mounts | cut -d' ' -f3,4
mkdir h/a
echo 42 > h/a/net_cls.classid
echo "ifb0 8" > h/a/net_prio.ifpriomap
mkdir h/a/b
cat h/a/b/net_cls.classid h/a/b/net_prio.prioidx h/a/b/net_prio.ifpriomap
rmdir h/a/b h/a
settle
umount h
