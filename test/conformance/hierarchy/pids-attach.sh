# moves through tasks and cgroup.procs in a controller hierarchy, and bad pids
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir a a/b
echo $$ > a/b/tasks
cat a/b/tasks
cat /proc/self/cgroup
echo 99999 > a/tasks
echo abc > a/cgroup.procs
rmdir a
sleep 100 &
echo "@pid sleeper $!"
echo $! > a/cgroup.procs
cat a/tasks
cat a/cgroup.procs
ls a
env
