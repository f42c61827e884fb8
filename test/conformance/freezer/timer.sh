# a sleep whose time runs out while frozen finishes only after the thaw
cd /sys/fs/cgroup/freezer/$CGKIT_PREFIX
mkdir a
sleep 0.5 & p=$!
echo $p > a/cgroup.procs
echo FROZEN > a/freezer.state
sleep 1
echo "after its deadline: $(grep State /proc/$p/status | cut -f2) $(wc -l < a/tasks)"
echo THAWED > a/freezer.state
wait $p; echo "wait=$?"
echo "tasks left: $(wc -l < a/tasks)"
