# a frozen cgroup with tasks cannot be removed (EBUSY); once empty it can, and its parent stays FROZEN
cd /sys/fs/cgroup/freezer/$CGKIT_PREFIX
mkdir -p a/b
sleep 1000 & p=$!
echo $p > a/b/cgroup.procs
echo FROZEN > a/freezer.state
rmdir a/b 2>&1 | sed 's/.*: //'
echo $p > a/cgroup.procs
echo "moved up: a=$(cat a/freezer.state) b=$(cat a/b/freezer.state) $(grep State /proc/$p/status | cut -f2)"
rmdir a/b && echo removed
echo "a: $(cat a/freezer.state)"
echo THAWED > a/freezer.state
kill $p; wait $p; echo "wait=$?"
