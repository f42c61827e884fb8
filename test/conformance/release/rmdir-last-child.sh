# removing the last child of an empty notify_on_release cgroup runs the agent for the parent, not the child
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/p
echo 1 > h/p/notify_on_release
mkdir h/p/c1 h/p/c2
cat h/p/c1/notify_on_release
rmdir h/p/c1
sleep 0.3
[ -e log ] || echo "one child left: no agent"
rmdir h/p/c2
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
sleep 0.2
cat log
ls h
echo > h/release_agent
