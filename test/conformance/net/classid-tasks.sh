# moving a task into a net_cls cgroup and out again leaves the classids alone
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^net_cls[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o net_cls cgroup h
mkdir h/a h/b
echo 5 > h/a/net_cls.classid
sleep 100 & p=$!
echo $p > h/a/tasks
echo $p > h/b/tasks
cat h/a/net_cls.classid h/b/net_cls.classid
grep -c . h/a/tasks h/b/tasks
kill $p; wait $p
rmdir h/a h/b
settle
umount h
