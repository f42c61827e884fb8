# setting notify_on_release on an already empty cgroup runs nothing: release is checked when a cgroup becomes empty, not when the flag changes
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/a h/b
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
echo 1 > h/a/notify_on_release
echo 1 > h/b/notify_on_release
sleep 0.5
[ -e log ] || echo "no agent after setting the flag"
echo $$ > h/b/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
sleep 0.2
cat log
echo > h/release_agent
