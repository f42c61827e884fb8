# negative pids are EINVAL (even the negated pid of a process), but "-0" is 0: the writer itself
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w -1 a/tasks
w -$$ a/tasks
w -$$ a/cgroup.procs
w -2147483648 a/tasks
w -0 a/tasks
w ' -1' a/cgroup.procs
echo -0 > a/cgroup.procs && grep name=systemd /proc/self/cgroup
echo "a:"; cat a/cgroup.procs
echo $$ > tasks
