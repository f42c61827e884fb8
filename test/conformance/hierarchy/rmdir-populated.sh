# rmdir of a cgroup with a task is EBUSY in that hierarchy only; it succeeds once the task left
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
mkdir $CGKIT_TMP/h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup $CGKIT_TMP/h
mkdir $CGKIT_TMP/h/a
echo $$ > a/cgroup.procs
rmdir a || echo "rmdir populated: $?"
rmdir $CGKIT_TMP/h/a && echo "rmdir in the other hierarchy: ok"
echo $$ > cgroup.procs
sleep 1000 &
p=$!
echo $p > a/tasks
rmdir a || echo "rmdir with a background task: $?"
kill $p
wait $p 2>/dev/null
rmdir a && echo "rmdir after the task died: ok"
ls
