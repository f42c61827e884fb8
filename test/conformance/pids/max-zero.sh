# pids.max 0: nothing can fork inside, but tasks can still be moved in and out
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir a
echo 0 > a/pids.max
sleep 1000 & p=$!
echo $p > a/cgroup.procs && echo "moved in: current=$(cat a/pids.current)"
sh -c 'echo $$ > a/cgroup.procs; echo "shell in: $(cat a/pids.current)"' 
echo "rc=$?"
sh -c 'echo $$ > a/cgroup.procs; echo builtin only; /bin/true; echo not reached'
echo "rc=$?"
echo "events=[$(cat a/pids.events)] current=$(cat a/pids.current) peak=$(cat a/pids.peak)"
echo $p > cgroup.procs && echo "moved out: current=$(cat a/pids.current)"
