# "0" moves the writing process itself: the shell with its builtin echo, /bin/echo (which then exits) otherwise
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b c
echo 0 > a/tasks
grep name=systemd /proc/$$/cgroup
/bin/echo 0 > b/tasks && echo "/bin/echo 0: ok"
grep name=systemd /proc/$$/cgroup
echo "b tasks:"; cat b/tasks
sh -c 'echo 0 > c/cgroup.procs; grep name=systemd /proc/self/cgroup; cat c/cgroup.procs'
grep name=systemd /proc/$$/cgroup
(echo 0 > b/tasks; grep name=systemd /proc/self/cgroup)
grep name=systemd /proc/$$/cgroup
(echo $$ > c/tasks)
grep name=systemd /proc/$$/cgroup
echo $$ > tasks
