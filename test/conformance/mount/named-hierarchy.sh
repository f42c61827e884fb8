# mount -o none,name=X makes a new hierarchy without controllers: its mount line, root files and /proc/self/cgroup line
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h && echo mounted
grep "$CGKIT_TMP" /proc/self/mounts
ls h
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
cat h/cgroup.procs | grep -c "^$$\$"
cat h/cgroup.sane_behavior h/notify_on_release h/cgroup.clone_children
echo "[$(cat h/release_agent)]"
ls -ld h | cut -d' ' -f1,3,4
