# chown of a cgroup file clears its setuid bit, and setgid when group-executable, even for root; directories keep both; chown -R reaches every file
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
l() { ls -lnd "$@" | tr -s ' ' | cut -d' ' -f1,3,4,9; }
mkdir -p a/b
chmod 4755 a/tasks
chmod 6755 a/cgroup.procs
chmod 2745 a/notify_on_release
chmod 6755 a
chown 1000 a/tasks
chown :55 a/cgroup.procs
chown 0:0 a/notify_on_release
chown 7:8 a
l a a/tasks a/cgroup.procs a/notify_on_release
chmod 4755 a/tasks
chown -1:-1 a/tasks 2>/dev/null || chown : a/tasks
l a/tasks
chown -R 7:8 a
l a a/b a/b/tasks a/cgroup.clone_children
