# the agent path is looked up each time it runs, not when release_agent is written: a file that appears later runs, a removed one does not
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/a
echo 1 > h/a/notify_on_release
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
sleep 0.3
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
mv agent agent.old
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
sleep 0.5
cat log
printf '#!/bin/sh\necho "new $1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ $(wc -l < log) -ge 2 ] && break; sleep 0.1; done
cat log
echo > h/release_agent
