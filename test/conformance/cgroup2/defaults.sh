# defaults of a new child's core files: type domain, events populated/frozen 0, freeze 0, max.depth and max.descendants max, stat zero, empty controllers
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a
for f in cgroup.type cgroup.events cgroup.freeze cgroup.max.depth cgroup.max.descendants cgroup.controllers cgroup.subtree_control cgroup.procs cgroup.threads; do
  echo "== $f"; cat a/$f
done
echo "== cgroup.stat"; grep -e '^nr_descendants ' -e '^nr_dying_descendants ' a/cgroup.stat
echo "== cgroup.kill"; cat a/cgroup.kill || echo "read failed"
echo "== prefix cgroup.controllers [$(cat cgroup.controllers)] subtree_control [$(cat cgroup.subtree_control)]"
