# /proc/cgroups: a tab-separated header, then one row per controller in id order with its hierarchy id and enabled flag
head -1 /proc/cgroups | od -c | sed '$d'
cut -f1,2,4 /proc/cgroups | sed 1d | grep -v -e '^net_' -e '^perf_event' -e '^hugetlb'
cut -f1,4 /proc/cgroups | sed 1d | tr '\n' ' '
echo
sed 1d /proc/cgroups | grep -c -E '^[a-z_]+	[0-9]+	[0-9]+	[01]$'
