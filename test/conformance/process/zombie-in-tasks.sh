# a zombie (exited, not yet reaped) is no longer listed in its cgroup
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir z
sh -c 'echo $$ > z/tasks; sleep 0.2 & echo "@pid zombie $!"; exec sleep 2' &
P=$!
echo "@pid parent $P"
sleep 1
echo tasks:
cat z/tasks
echo procs:
cat z/cgroup.procs
kill $P
wait $P 2>/dev/null
echo status $?
