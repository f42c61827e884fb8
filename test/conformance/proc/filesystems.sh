# /proc/filesystems lists cgroup and cgroup2 as nodev filesystems, tab-separated, cgroup first
grep cgroup /proc/filesystems | od -c | sed '$d'
grep -w -e cgroup -e cgroup2 /proc/filesystems | cut -f2 | tr '\n' ' '
echo
grep -w proc /proc/filesystems | tr '\t' _
