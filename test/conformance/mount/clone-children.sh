# clone_children at mount sets the root's cgroup.clone_children, new cgroups copy it, and /proc/self/mounts follows the root's flag
cd $CGKIT_TMP
mkdir h g
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,clone_children cgroup h
mount -t cgroup -o none,name=$CGKIT_PREFIX-2 cgroup g
cat h/cgroup.clone_children g/cgroup.clone_children
grep "$CGKIT_TMP" /proc/self/mounts
mkdir h/a h/a/b g/a
cat h/a/cgroup.clone_children h/a/b/cgroup.clone_children g/a/cgroup.clone_children
echo 0 > h/cgroup.clone_children
echo 1 > g/cgroup.clone_children
grep "$CGKIT_TMP" /proc/self/mounts
mkdir h/c g/c
cat h/c/cgroup.clone_children g/c/cgroup.clone_children
