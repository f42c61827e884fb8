# a child starts in its parent's cgroups, keeps them across exec, and a later move of either leaves the other where it was
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
echo $$ > a/tasks
sleep 100 &
c=$!
echo "@pid child $c"
grep systemd /proc/$c/cgroup
sh -c 'exec grep systemd /proc/self/cgroup'
echo $c > b/tasks
grep systemd /proc/$c/cgroup /proc/$$/cgroup
echo $$ > tasks
grep systemd /proc/$c/cgroup /proc/$$/cgroup
(echo $$ > a/tasks; sh -c 'grep systemd /proc/$PPID/cgroup /proc/self/cgroup')
grep systemd /proc/$$/cgroup
