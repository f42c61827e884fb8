# with an empty release_agent a release is dropped, not deferred: setting an agent afterwards runs it only for later releases
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo "[$(cat h/release_agent)]"
mkdir h/a h/b
echo 1 > h/a/notify_on_release
echo 1 > h/b/notify_on_release
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
sleep 0.5
echo $CGKIT_TMP/agent > h/release_agent
sleep 0.5
[ -e log ] || echo "no agent for the earlier release"
echo $$ > h/b/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
sleep 0.2
cat log
echo > h/release_agent
