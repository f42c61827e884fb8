# a cgroup is released each time it becomes empty again: two emptyings, two agent runs
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/a
echo 1 > h/a/notify_on_release
for round in 1 2; do
	echo $$ > h/a/cgroup.procs
	echo $$ > h/cgroup.procs
	for i in $(seq 50); do [ -f log ] && [ $(wc -l < log) -ge $round ] && break; sleep 0.1; done
	echo "round $round:"
	cat log
done
mkdir h/a/b
rmdir h/a/b
for i in $(seq 50); do [ $(wc -l < log) -ge 3 ] && break; sleep 0.1; done
echo "after the child:"
cat log
echo > h/release_agent
