# mkdir makes a cgroup with the core files, in the kernel's order
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
ls a
ls -d a/*/ 2>&1
cat a/tasks a/cgroup.procs
cat a/notify_on_release a/cgroup.clone_children
mkdir a || echo "mkdir again: $?"
mkdir a/b a/b/c
ls a
cat /proc/self/cgroup | grep systemd
