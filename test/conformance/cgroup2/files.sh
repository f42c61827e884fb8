# a new cgroup2 child has the core interface files (and PSI pressure files) with their modes; the unified root's own list differs
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a
ls -l a | tail -n +2 | tr -s ' ' | cut -d' ' -f1,9
echo "a has cgroup.kill: $(test -e a/cgroup.kill && echo yes || echo no)"
echo "root has cgroup.type: $(test -e ../cgroup.type && echo yes || echo no)"
echo "root has cgroup.freeze: $(test -e ../cgroup.freeze && echo yes || echo no)"
echo "root has cgroup.kill: $(test -e ../cgroup.kill && echo yes || echo no)"
