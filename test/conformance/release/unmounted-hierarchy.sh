# a hierarchy kept alive by its cgroups after umount still releases them: the agent runs for a task that exits while nothing is mounted
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/a h/a/b
echo 1 > h/a/b/notify_on_release
sleep 1000 &
p=$!
echo $p > h/a/b/cgroup.procs
umount h
grep -c "$CGKIT_TMP" /proc/self/mounts
grep "name=$CGKIT_PREFIX" /proc/$p/cgroup
kill $p
wait $p 2>/dev/null
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
cat h/release_agent
ls -d h/a/b
echo > h/release_agent
