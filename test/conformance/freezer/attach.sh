# a task moved into a frozen cgroup is frozen; moved out to a thawed one it runs again
cd /sys/fs/cgroup/freezer/$CGKIT_PREFIX
mkdir a b
echo FROZEN > a/freezer.state
sleep 1000 & p=$!
st() { echo "$1: a=$(cat a/freezer.state) b=$(cat b/freezer.state) task=$(grep State /proc/$p/status | cut -f2)"; }
st start
echo $p > a/cgroup.procs; st "into a"
echo $p > b/cgroup.procs; st "into b"
echo $p > a/tasks; st "into a by tasks"
echo FROZEN > b/freezer.state
echo $p > b/cgroup.procs; st "into frozen b"
echo THAWED > b/freezer.state; st "b thawed"
echo $p > cgroup.procs; st "back to the prefix"
kill $p; wait $p; echo "wait=$?"
