# writing to the tasks file of the prefix cgroup itself moves a process back from a child; the prefix lists it again
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir -p a/b
echo $$ > a/b/tasks
grep name=systemd /proc/self/cgroup
echo "prefix: [$(cat tasks)]"
echo $$ > tasks
grep name=systemd /proc/self/cgroup
cat tasks | head -1
echo $$ > ../$CGKIT_PREFIX/a/cgroup.procs && grep name=systemd /proc/self/cgroup
echo $$ > $PWD/cgroup.procs && grep name=systemd /proc/self/cgroup
