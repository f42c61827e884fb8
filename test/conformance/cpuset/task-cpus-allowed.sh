# a task's Cpus_allowed and Mems_allowed follow its cpuset: on attach, when the cpuset's cpus change, and back in the parent
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a
echo 1 > a/cpuset.cpus
echo 0 > a/cpuset.mems
sleep 100 &
p=$!
echo "@pid sleeper $p"
s() { grep -E '^(Cpus|Mems)_allowed' /proc/$p/status; }
s
echo $p > a/tasks
s
echo 0 > a/cpuset.cpus
grep Cpus_allowed /proc/$p/status
echo 0-1 > a/cpuset.cpus
grep Cpus_allowed /proc/$p/status
echo 0 > a/cpuset.cpus
echo $p > tasks
grep Cpus_allowed /proc/$p/status
sh -c 'echo $$ > a/tasks; grep Cpus_allowed_list /proc/self/status; sh -c "grep Cpus_allowed_list /proc/self/status"'
grep _list /proc/self/status
