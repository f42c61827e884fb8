# each hierarchy has its own release_agent and flags: one task leaving cgroups of two hierarchies runs each one's agent with its own path
cd $CGKIT_TMP
mkdir h1 h2 h3
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h1
mount -t cgroup -o none,name=$CGKIT_PREFIX-2 cgroup h2
mount -t cgroup -o none,name=$CGKIT_PREFIX-3 cgroup h3
printf '#!/bin/sh\necho "one $1" >> %s/log\n' "$CGKIT_TMP" > agent1
printf '#!/bin/sh\necho "two $1" >> %s/log\n' "$CGKIT_TMP" > agent2
chmod +x agent1 agent2
echo $CGKIT_TMP/agent1 > h1/release_agent
echo $CGKIT_TMP/agent2 > h2/release_agent
cat h1/release_agent h2/release_agent h3/release_agent
mkdir h1/x h2/y h3/z
echo 1 | tee h1/x/notify_on_release h2/y/notify_on_release h3/z/notify_on_release
sleep 1000 &
p=$!
for d in h1/x h2/y h3/z; do echo $p > $d/cgroup.procs; done
grep "name=$CGKIT_PREFIX" /proc/$p/cgroup | sed 's/^[^:]*://'
kill $p
wait $p 2>/dev/null
for i in $(seq 50); do [ -f log ] && [ $(wc -l < log) -ge 2 ] && break; sleep 0.1; done
sleep 0.2
sort log
echo > h1/release_agent
echo > h2/release_agent
