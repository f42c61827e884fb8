# the agent gets the cgroup's current path: a cgroup renamed while populated is released under its new name
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/p h/p/old
echo 1 > h/p/old/notify_on_release
echo $$ > h/p/old/cgroup.procs
mv h/p/old h/p/new
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
echo > h/release_agent
