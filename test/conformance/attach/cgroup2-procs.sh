# cgroup2 moves go through cgroup.procs only (no tasks file); the 0:: line follows them independently of the v1 hierarchies
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a b
ls a | grep -c -e '^tasks$'
echo $$ > a/cgroup.procs
grep -e '^0::' -e name=systemd /proc/self/cgroup
cat a/cgroup.procs
sleep 1000 &
p=$!
echo "@pid sleeper $p"
echo $p > b/cgroup.procs
grep '^0::' /proc/$p/cgroup
rmdir b || echo "rmdir populated: $?"
/bin/echo abc > a/cgroup.procs
/bin/echo 99999 > a/cgroup.procs
echo $$ > cgroup.procs
grep '^0::' /proc/self/cgroup
