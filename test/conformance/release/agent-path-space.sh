# the whole release_agent string is the program's path: no argument splitting, so "agent arg" runs a file named so, with the cgroup as its only argument
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "plain: $# $1" >> %s/log\n' "$CGKIT_TMP" > agent
printf '#!/bin/sh\necho "spaced: $# $1" >> %s/log\n' "$CGKIT_TMP" > "agent arg"
chmod +x agent "agent arg"
echo "$CGKIT_TMP/agent arg" > h/release_agent
cat h/release_agent
grep -o 'release_agent=[^,]*' /proc/self/mounts
mkdir h/a
echo 1 > h/a/notify_on_release
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
echo > h/release_agent
