# pids.current follows single tasks moved through the tasks file, and empty cgroups can be removed
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir a b
sleep 1000 & p=$!
echo $p > a/tasks
echo "a=$(cat a/pids.current) b=$(cat b/pids.current)"
echo $p > b/tasks
echo "a=$(cat a/pids.current) b=$(cat b/pids.current) peak a=$(cat a/pids.peak)"
kill $p; wait $p
echo "a=$(cat a/pids.current) b=$(cat b/pids.current)"
rmdir a b && echo removed
