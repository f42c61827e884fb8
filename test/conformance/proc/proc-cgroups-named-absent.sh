# named hierarchies have no row in /proc/cgroups: mounting and populating one changes neither the rows nor the bound hierarchy ids
cut -f1,2 /proc/cgroups | grep -v -e '^net_' -e '^perf_event' -e '^hugetlb' > before
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a h/b
cut -f1,2 /proc/cgroups | grep -v -e '^net_' -e '^perf_event' -e '^hugetlb' > after
[ "$(cat before)" = "$(cat after)" ] && echo "unchanged"
wc -l < /proc/cgroups
grep -c name /proc/cgroups
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
