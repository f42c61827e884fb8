# the root cgroup has notify_on_release (0) and accepts writes; new cgroups then inherit it, which is how agents are usually enabled
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
cat h/notify_on_release
echo 1 > h/notify_on_release
cat h/notify_on_release
mkdir h/a h/a/b
cat h/a/notify_on_release h/a/b/notify_on_release
echo $$ > h/a/b/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
rmdir h/a/b
for i in $(seq 50); do [ $(wc -l < log) -ge 2 ] && break; sleep 0.1; done
rmdir h/a
sleep 0.3
cat log
echo 0 > h/notify_on_release
echo > h/release_agent
