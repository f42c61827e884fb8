# removing the last child of a notify_on_release cgroup that still has tasks runs no agent; the last task leaving then does
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/p h/p/c
echo 1 > h/p/notify_on_release
echo $$ > h/p/cgroup.procs
rmdir h/p/c
sleep 0.3
[ -e log ] || echo "rmdir with tasks left: no agent"
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
echo > h/release_agent
