# a frozen task shows as D (disk sleep) in /proc and ps, and sleeps again once thawed
cd /sys/fs/cgroup/freezer/$CGKIT_PREFIX
mkdir a
sleep 1000 & p=$!
echo $p > a/cgroup.procs
st() { grep State /proc/$p/status; ps -o stat= -p $p; }
st
echo FROZEN > a/freezer.state
echo "state: $(cat a/freezer.state)"
st
echo THAWED > a/freezer.state
echo "state: $(cat a/freezer.state)"
st
kill $p; wait $p; echo "wait=$?"
