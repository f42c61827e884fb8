# the agent runs only when the last task leaves: removing one of two tasks does not release the cgroup
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/a h/b
echo 1 > h/a/notify_on_release
echo 1 > h/b/notify_on_release
sleep 1000 &
p=$!
echo "@pid sleeper $p"
echo $p > h/a/cgroup.procs
echo $$ > h/a/cgroup.procs
echo $$ > h/b/cgroup.procs
cat h/a/tasks
sleep 0.5
[ -e log ] || echo "no agent yet"
kill $p
wait $p 2>/dev/null
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ $(wc -l < log) -ge 2 ] && break; sleep 0.1; done
cat log
echo > h/release_agent
