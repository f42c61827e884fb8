# a relative release_agent path is resolved from the agent's working directory, the root directory
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "ran as $0 for $1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo "agent" > h/release_agent
mkdir h/a
echo 1 > h/a/notify_on_release
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
sleep 0.5
[ -e log ] || echo "agent (relative to /): nothing ran"
echo "${CGKIT_TMP#/}/agent" > h/release_agent
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
echo > h/release_agent
