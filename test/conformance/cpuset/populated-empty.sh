# a cpuset with tasks cannot lose its last CPU or node (ENOSPC); other changes apply, and once empty of tasks it can be emptied
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a a/b
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
echo 0-1 > a/cpuset.cpus
echo 0 > a/cpuset.mems
sleep 100 &
p=$!
echo "@pid sleeper $p"
echo $p > a/tasks
w "" a/cpuset.cpus
w "" a/cpuset.mems
w 1 a/cpuset.cpus
w 1 a/cpuset.cpus
echo "cpus [$(cat a/cpuset.cpus)] mems [$(cat a/cpuset.mems)]"
echo $p > a/b/tasks 2>/dev/null || echo "into empty b: refused"
echo 1 > a/b/cpuset.cpus
echo 0 > a/b/cpuset.mems
echo $p > a/b/tasks
w "" a/cpuset.cpus
w "" a/b/cpuset.cpus
kill $p
wait $p
w "" a/b/cpuset.cpus
w "" a/b/cpuset.mems
w "" a/cpuset.cpus
echo "cpus [$(cat a/cpuset.cpus)] mems [$(cat a/cpuset.mems)]"
