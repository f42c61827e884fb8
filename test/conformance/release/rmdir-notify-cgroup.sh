# removing an empty notify_on_release cgroup does not run the agent for it (a dead cgroup is never released), only for a notifying parent
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/a h/p h/p/q
echo 1 > h/a/notify_on_release
echo 1 > h/p/q/notify_on_release
rmdir h/a
rmdir h/p/q
sleep 0.5
[ -e log ] || echo "no agent"
echo 1 > h/p/notify_on_release
mkdir h/p/q
rmdir h/p/q
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
sleep 0.2
cat log
echo > h/release_agent
