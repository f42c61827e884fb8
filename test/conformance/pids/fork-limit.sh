# a fork past pids.max fails with EAGAIN: the shell says Cannot fork and pids.events counts it
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir a
echo 1 > a/pids.max
sh -c 'echo $$ > a/cgroup.procs
echo "inside: $(cat a/pids.current 2>&1)"
/bin/true
echo not reached'
echo "rc=$?"
echo "events=$(cat a/pids.events) current=$(cat a/pids.current) peak=$(cat a/pids.peak)"
echo 2 > a/pids.max
sh -c 'echo $$ > a/cgroup.procs
/bin/echo "external ok"
echo "current inside: $(cat a/pids.current)"'
echo "rc=$?"
echo "events=$(cat a/pids.events) current=$(cat a/pids.current) peak=$(cat a/pids.peak)"
