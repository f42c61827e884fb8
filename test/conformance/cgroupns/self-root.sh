# after unshare --cgroup a process is at the root of every hierarchy in its own /proc/self/cgroup, while the parent still sees the full paths
cd /sys/fs/cgroup
mkdir systemd/$CGKIT_PREFIX/a systemd/$CGKIT_PREFIX/a/b pids/$CGKIT_PREFIX/p
echo $$ > systemd/$CGKIT_PREFIX/a/b/tasks
echo $$ > pids/$CGKIT_PREFIX/p/tasks
echo "outside:"
grep -E "systemd|pids|^0::" /proc/self/cgroup
echo "inside:"
unshare --cgroup cat /proc/self/cgroup
echo "inside, with a fork:"
unshare --cgroup --fork sh -c 'cat /proc/self/cgroup | grep -E "systemd|pids|^0::"; echo "parent as seen from the child:"; grep -E "systemd|pids|^0::" /proc/$PPID/cgroup'
echo "the parent reads the child's lines in full:"
unshare --cgroup sleep 100 &
s=$!
echo "@pid sleeper $s"
until [ "$(cat /proc/$s/comm)" = sleep ]; do sleep 0.05; done
grep -E "systemd|pids|^0::" /proc/$s/cgroup
kill $s
