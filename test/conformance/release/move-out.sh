# the agent runs with the cgroup's path when its last task moves out of a notify_on_release cgroup
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$# $0 $1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/a
echo 1 > h/a/notify_on_release
echo $$ > h/a/cgroup.procs
grep -e "name=$CGKIT_PREFIX" -e name=systemd /proc/self/cgroup
[ -e log ] || echo "no log while populated"
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
grep -e "name=$CGKIT_PREFIX" -e name=systemd /proc/self/cgroup
echo > h/release_agent
