# a subshell that moves itself does not move its parent shell
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir a b
echo $$ > a/tasks
(sh -c 'echo $$ > b/tasks; echo "@pid sub $$"; grep systemd /proc/self/cgroup')
grep systemd /proc/self/cgroup
cat a/tasks | grep -c .
cat b/tasks | grep -c . || echo empty
