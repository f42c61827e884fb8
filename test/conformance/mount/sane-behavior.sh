# cgroup.sane_behavior exists only in a v1 root, reads 0, is 0444, and writing it is EINVAL even for root and after chmod
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
cat h/cgroup.sane_behavior
ls -l h/cgroup.sane_behavior | cut -d' ' -f1
/bin/echo 1 > h/cgroup.sane_behavior
chmod 644 h/cgroup.sane_behavior
ls -l h/cgroup.sane_behavior | cut -d' ' -f1
/bin/echo 0 > h/cgroup.sane_behavior
cat h/cgroup.sane_behavior
mkdir h/a
ls h/a | grep -c sane
cat /sys/fs/cgroup/pids/cgroup.sane_behavior /sys/fs/cgroup/systemd/cgroup.sane_behavior
ls /sys/fs/cgroup/unified | grep -c sane
