# moves through tasks and cgroup.procs in a controller hierarchy (pids) behave as in a named one, bad pids fail alike
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir a a/b
echo $$ > a/b/tasks
cat a/b/tasks
grep pids /proc/self/cgroup
/bin/echo 99999 > a/tasks
/bin/echo abc > a/cgroup.procs
rmdir a
sleep 100 &
echo "@pid sleeper $!"
echo $! > a/cgroup.procs
cat a/tasks
cat a/cgroup.procs
grep pids /proc/$!/cgroup
echo $$ > tasks
grep pids /proc/self/cgroup
