# a new net_cls cgroup starts with its parent's classid; later changes to the parent do not propagate
cd $CGKIT_TMP
# wait until an earlier private hierarchy of these controllers is gone (its destruction is asynchronous)
for i in $(seq 100); do grep -qE "^(net_cls|perf_event|net_prio|hugetlb)[[:space:]]+[1-9]" /proc/cgroups || break; sleep 0.1; done
# the hierarchy dies at umount only once its removed children are released
settle() { for i in $(seq 100); do grep -qE "^net_cls[[:space:]]+[1-9][0-9]*[[:space:]]+1[[:space:]]" /proc/cgroups && return; sleep 0.1; done; }
mkdir h
mount -t cgroup -o net_cls cgroup h
mkdir h/a
echo 0x10001 > h/a/net_cls.classid
mkdir h/a/b
cat h/a/b/net_cls.classid
echo 7 > h/a/net_cls.classid
cat h/a/net_cls.classid h/a/b/net_cls.classid
mkdir h/a/b/c h/a/d
cat h/a/b/c/net_cls.classid h/a/d/net_cls.classid
rmdir h/a/b/c h/a/b h/a/d h/a
settle
umount h
