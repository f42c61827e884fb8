# several cgroups released together each get their own agent run (one killed task per cgroup, the log sorted)
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
echo 1 > h/notify_on_release
pids=""
for c in a b c d e; do
	mkdir h/$c
	sleep 1000 &
	echo $! > h/$c/cgroup.procs
	pids="$pids $!"
done
kill $pids
wait 2>/dev/null
for i in $(seq 50); do [ -f log ] && [ $(wc -l < log) -ge 5 ] && break; sleep 0.1; done
sleep 0.2
sort log
echo > h/release_agent
