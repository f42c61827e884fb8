# the shell moves itself by writing $$ to tasks; its children start there; tasks and cgroup.procs list it
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
echo $$ > a/tasks
echo "tasks:"; cat a/tasks
echo "procs:"; cat a/cgroup.procs
grep name=systemd /proc/self/cgroup /proc/$$/cgroup
echo "prefix tasks:"; cat tasks
echo $$ > cgroup.procs
echo "tasks after moving back:"; cat a/tasks
grep name=systemd /proc/$$/cgroup
