# the agent's argument is the cgroup's path from the hierarchy root, for nested cgroups and odd names
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$#:$1:" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir -p h/a/b/c "h/a/b/sp ace" h/a/b/x.y-z_w
for d in h/a/b/c "h/a/b/sp ace" h/a/b/x.y-z_w; do
	echo 1 > "$d/notify_on_release"
	echo $$ > "$d/cgroup.procs"
	echo $$ > h/cgroup.procs
	n=$(( ${n:-0} + 1 ))
	for i in $(seq 50); do [ -s log ] && [ $(wc -l < log) -ge $n ] && break; sleep 0.1; done
done
cat log
echo > h/release_agent
