# private named hierarchies get new ids and their lines go first in /proc/self/cgroup, newest first; an unmounted empty one disappears
mkdir h1 h2
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h1
mount -t cgroup -o none,name=$CGKIT_PREFIX-2 cgroup h2
mkdir h1/a
echo $$ > h1/a/tasks
grep -E "^[0-9]:|name=$CGKIT_PREFIX" /proc/self/cgroup | head -4
umount h2
for i in $(seq 50); do grep -q "name=$CGKIT_PREFIX-2" /proc/self/cgroup || break; sleep 0.1; done
grep -E "^[0-9]:|name=$CGKIT_PREFIX" /proc/self/cgroup | head -3
