# without notify_on_release (the default 0) no agent runs when a cgroup empties or loses its last child
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/off h/off/child h/on
cat h/off/notify_on_release
echo $$ > h/off/cgroup.procs
echo $$ > h/cgroup.procs
rmdir h/off/child
echo 1 > h/off/notify_on_release
echo 0 > h/off/notify_on_release
echo $$ > h/off/cgroup.procs
echo $$ > h/cgroup.procs
# a later release that does notify: the log holds it alone
echo 1 > h/on/notify_on_release
echo $$ > h/on/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
sleep 0.3
cat log
echo > h/release_agent
