# pid 1 (the init of the script's pid namespace) can be moved like any process, here between cgroups of a private hierarchy
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w 1 h/a/cgroup.procs
cat h/a/cgroup.procs
grep name=$CGKIT_PREFIX /proc/1/cgroup
w 1 h/cgroup.procs
w 1 h/a/tasks
cat h/a/tasks
w 1 h/tasks
grep name=$CGKIT_PREFIX /proc/1/cgroup
sleep 1000 &
echo "@pid sleeper $!"
for x in $! $$ 1; do echo $x > h/a/cgroup.procs; done
echo "numeric order:"; cat h/a/tasks
for x in $! $$ 1; do echo $x > h/cgroup.procs; done
cat h/a/tasks | wc -l
rmdir h/a && echo "removed"
