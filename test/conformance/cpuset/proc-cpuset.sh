# /proc/<pid>/cpuset is the path of the task's cpuset in the cpuset hierarchy, for every task and thread; children inherit it
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a a/b
for d in a a/b; do echo 0 > $d/cpuset.cpus; echo 0 > $d/cpuset.mems; done
cat /proc/self/cpuset /proc/$$/cpuset
sleep 100 &
p=$!
echo "@pid sleeper $p"
echo $p > a/b/tasks
cat /proc/$p/cpuset /proc/$p/task/$p/cpuset
echo $$ > a/tasks
cat /proc/self/cpuset
sh -c 'cat /proc/self/cpuset'
mv a/b a/c
cat /proc/$p/cpuset
echo $$ > tasks
cat /proc/$$/cpuset
stat -c '%A' /proc/self/cpuset
echo x > /proc/self/cpuset 2>&1 | sed 's/.*: //'
