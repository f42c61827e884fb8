# release_agent= at mount time sets the hierarchy's agent: the root's file shows it, /proc/self/mounts lists it, and it runs
cd $CGKIT_TMP
mkdir h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,release_agent=$CGKIT_TMP/agent cgroup h
cat h/release_agent
grep "$CGKIT_TMP" /proc/self/mounts
mkdir h/a
echo 1 > h/a/notify_on_release
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
echo > h/release_agent
grep "$CGKIT_TMP" /proc/self/mounts
