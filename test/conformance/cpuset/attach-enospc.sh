# attaching to a cpuset without CPUs or without nodes is ENOSPC through tasks and cgroup.procs alike; nothing moves
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir nocpus nomems both
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
echo 0 > nocpus/cpuset.mems
echo 1 > nomems/cpuset.cpus
for d in nocpus nomems both; do w $$ $d/tasks; w $$ $d/cgroup.procs; w 0 $d/cgroup.procs; done
sleep 100 &
p=$!
echo "@pid sleeper $p"
w $p nomems/tasks
grep cpuset /proc/$$/cgroup /proc/$p/cgroup
echo "tasks: $(cat nocpus/tasks nomems/tasks both/tasks | wc -l)"
echo 0 > nomems/cpuset.mems
w $p nomems/tasks
cat nomems/tasks
