# moving tasks in is not limited: pids.current may exceed pids.max, and a lower max is accepted
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir a
echo 1 > a/pids.max
sleep 1000 & p1=$!
sleep 1000 & p2=$!
sleep 1000 & p3=$!
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- pid -> ok"; else echo "$2 <- pid -> ${e##*: }"; fi; }
w $p1 a/cgroup.procs
w $p2 a/cgroup.procs
w $p3 a/tasks
echo "max=$(cat a/pids.max) current=$(cat a/pids.current) peak=$(cat a/pids.peak) events=[$(cat a/pids.events)]"
echo 0 > a/pids.max && echo "max 0 accepted: $(cat a/pids.max)"
kill $p1 $p2 $p3; wait
echo "after: current=$(cat a/pids.current) peak=$(cat a/pids.peak)"
