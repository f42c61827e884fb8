# pids that name no process give ESRCH: a reaped child, one above pid_max, the largest int
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
sleep 0 &
p=$!
wait $p 2>/dev/null
echo "@pid reaped $p"
w $p a/tasks
w $p a/cgroup.procs
w 32767 a/tasks
w 32768 a/tasks
w 99999 a/cgroup.procs
w 4194304 a/tasks
w 2147483647 a/tasks
cat a/tasks | wc -l
