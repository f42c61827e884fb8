# a zombie is still charged until it is reaped (pids_release at release_task)
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir a
sh -c 'echo $$ > a/cgroup.procs; /bin/sleep 0.2 & exec /bin/sleep 1.5' & p=$!
sleep 0.8
echo "tasks=$(wc -l < a/tasks) current=$(cat a/pids.current)"
wait $p
echo "after reap: tasks=$(wc -l < a/tasks) current=$(cat a/pids.current) peak=$(cat a/pids.peak)"
