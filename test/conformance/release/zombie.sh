# a task that exits releases its cgroup at once: the agent runs while the task is still an unreaped zombie
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/a
echo 1 > h/a/notify_on_release
sh -c 'sleep 0.3 & echo $! > h/a/cgroup.procs; echo $! > zpid; exec sleep 1000' &
p=$!
echo "@pid parent $p"
while [ ! -s zpid ]; do sleep 0.01; done
read z < zpid
echo "@pid zombie $z"
echo "tasks:"; cat h/a/tasks
until grep -q '^State:.Z' /proc/$z/status; do sleep 0.05; done
grep '^State' /proc/$z/status
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
echo "tasks:"; cat h/a/tasks
grep "name=$CGKIT_PREFIX" /proc/$z/cgroup
echo > h/release_agent
kill $p
wait $p 2>/dev/null
