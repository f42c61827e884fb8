# freezing a parent freezes its subtree (parent_freezing); thawing it leaves self-frozen children frozen
cd /sys/fs/cgroup/freezer/$CGKIT_PREFIX
mkdir -p a/b/c a/d
sleep 1000 & p=$!
echo $p > a/b/c/cgroup.procs
show() {
	echo "$1"
	for c in a a/b a/b/c a/d; do echo "  $c: $(cat $c/freezer.state) self=$(cat $c/freezer.self_freezing) parent=$(cat $c/freezer.parent_freezing)"; done
	grep State /proc/$p/status
}
echo FROZEN > a/freezer.state; show "a frozen"
echo FROZEN > a/b/freezer.state; show "b frozen too"
echo THAWED > a/freezer.state; show "a thawed"
echo THAWED > a/b/freezer.state; show "b thawed"
echo FROZEN > a/b/c/freezer.state; show "c frozen"
echo THAWED > a/b/c/freezer.state
kill $p; wait $p; echo "wait=$?"
