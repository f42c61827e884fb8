# pids.current counts the tasks of a cgroup and its descendants; moving tasks moves the charge
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir -p a/b a/c
show() { echo "$1: a=$(cat a/pids.current) b=$(cat a/b/pids.current) c=$(cat a/c/pids.current)"; }
show start
sleep 1000 & p1=$!
sleep 1000 & p2=$!
sleep 1000 & p3=$!
echo $p1 > a/cgroup.procs; show "p1 in a"
echo $p2 > a/b/cgroup.procs; show "p2 in b"
echo $p3 > a/c/tasks; show "p3 in c"
echo $p3 > a/b/cgroup.procs; show "p3 to b"
echo $p1 > cgroup.procs; show "p1 out"
kill $p2; wait $p2; show "p2 killed and reaped"
kill $p3; wait $p3; show "p3 killed and reaped"
echo "peaks: a=$(cat a/pids.peak) b=$(cat a/b/pids.peak) c=$(cat a/c/pids.peak)"
