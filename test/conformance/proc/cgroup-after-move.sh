# a move in one hierarchy changes only that hierarchy's line of /proc/<pid>/cgroup; the line order never changes
cd /sys/fs/cgroup
mkdir systemd/$CGKIT_PREFIX/a systemd/$CGKIT_PREFIX/a/b pids/$CGKIT_PREFIX/p
echo $$ > systemd/$CGKIT_PREFIX/a/b/tasks
grep "$CGKIT_PREFIX" /proc/$$/cgroup
echo $$ > pids/$CGKIT_PREFIX/p/cgroup.procs
grep "$CGKIT_PREFIX" /proc/$$/cgroup | sed -n '1,2p;$p'
echo $$ > systemd/$CGKIT_PREFIX/tasks
echo $$ > pids/$CGKIT_PREFIX/tasks
grep "$CGKIT_PREFIX" /proc/$$/cgroup | sed -n '1,2p;$p'
