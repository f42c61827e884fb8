# controllers of one hierarchy appear in the kernel's controller id order in /proc/self/cgroup, /proc/self/mounts and /proc/cgroups, whatever the mount order
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o hugetlb,net_prio,perf_event,net_cls cgroup h && echo mounted
grep "$CGKIT_TMP" /proc/self/mounts
grep 'net_cls' /proc/self/cgroup
grep -E '^(net_cls|perf_event|net_prio|hugetlb)\b' /proc/cgroups
