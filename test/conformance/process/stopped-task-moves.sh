# a stopped process can be moved, stays stopped, and continues in its new cgroup
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir a b
sleep 1000 & P=$!
echo "@pid sleeper $P"
kill -STOP $P
sleep 0.1
grep ^State /proc/$P/status
echo $P > a/cgroup.procs && echo moved
grep ^State /proc/$P/status
grep systemd /proc/$P/cgroup
kill -CONT $P
sleep 0.1
grep ^State /proc/$P/status
echo $P > b/tasks
grep systemd /proc/$P/cgroup
kill $P
