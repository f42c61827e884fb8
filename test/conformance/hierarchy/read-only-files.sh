# a file without a write handler opens for writing (root, any mode) but every write fails EINVAL; /proc/<pid>/cgroup refuses the open
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
/bin/echo 1 > h/cgroup.sane_behavior
/bin/echo 0 >> h/cgroup.sane_behavior
chmod 644 h/cgroup.sane_behavior
ls -ln h/cgroup.sane_behavior | cut -d' ' -f1
/bin/echo 1 > h/cgroup.sane_behavior
: > h/cgroup.sane_behavior && echo "open for writing, no write: ok"
: <> h/cgroup.sane_behavior && echo "open read-write: ok"
cat h/cgroup.sane_behavior
/bin/echo 1 > /proc/self/cgroup
/bin/echo 1 > /proc/$$/cgroup
