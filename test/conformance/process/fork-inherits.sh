# a child forked after a move starts in its parent's cgroups, in every hierarchy
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir a
echo $$ > a/tasks
sh -c 'grep -e systemd -e "^0::" /proc/self/cgroup'
(grep systemd /proc/self/cgroup)
grep systemd /proc/self/cgroup | cat
sleep 100 &
echo "@pid sleeper $!"
grep systemd /proc/$!/cgroup
cat a/tasks | wc -l
