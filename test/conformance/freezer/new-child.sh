# a cgroup made inside a frozen one starts FROZEN with parent_freezing set, and thaws with it
cd /sys/fs/cgroup/freezer/$CGKIT_PREFIX
mkdir a
echo FROZEN > a/freezer.state
mkdir a/b a/b/c 2>&1
for c in a a/b a/b/c; do echo "$c: $(cat $c/freezer.state) self=$(cat $c/freezer.self_freezing) parent=$(cat $c/freezer.parent_freezing)"; done
echo THAWED > a/freezer.state
for c in a a/b a/b/c; do echo "$c: $(cat $c/freezer.state) self=$(cat $c/freezer.self_freezing) parent=$(cat $c/freezer.parent_freezing)"; done
rmdir a/b/c a/b && echo removed
