# the agent runs when the last task of a notify_on_release cgroup exits, and the cgroup is empty afterwards
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/a
echo 1 > h/a/notify_on_release
sleep 1000 &
p=$!
echo "@pid sleeper $p"
echo $p > h/a/cgroup.procs
cat h/a/tasks
kill $p
wait $p 2>/dev/null
echo "status $?"
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
echo "tasks:"; cat h/a/tasks
echo > h/release_agent
