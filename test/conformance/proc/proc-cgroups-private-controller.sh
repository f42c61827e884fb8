# a controller mounted privately shows its new hierarchy id and counts its cgroups in /proc/cgroups, and its line names controllers before name=
mkdir h
mount -t cgroup -o net_prio,name=$CGKIT_PREFIX-1,net_cls cgroup h || exit
grep -E '^net_(cls|prio)' /proc/cgroups
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
mkdir h/a h/a/b h/c
grep -E '^net_(cls|prio)' /proc/cgroups
echo $$ > h/a/b/tasks
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
echo $$ > h/tasks
rmdir h/a/b h/c
for i in $(seq 50); do grep -q '^net_cls	[0-9]*	2	' /proc/cgroups && break; sleep 0.1; done
grep -E '^net_(cls|prio)' /proc/cgroups
rmdir h/a
for i in $(seq 50); do grep -q '^net_cls	[0-9]*	1	' /proc/cgroups && break; sleep 0.1; done
umount h
for i in $(seq 50); do grep -q '^net_cls	0	' /proc/cgroups && break; sleep 0.1; done
grep -E '^net_(cls|prio)' /proc/cgroups | cut -f1,2,4
