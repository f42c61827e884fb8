# a cgroup counts as populated while a descendant holds a task: the agent waits for the subtree to empty and the children to go
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/p
echo 1 > h/p/notify_on_release
echo $$ > h/p/cgroup.procs
mkdir h/p/c
echo 0 > h/p/c/notify_on_release
echo $$ > h/p/c/cgroup.procs
sleep 0.3
[ -e log ] || echo "task moved into the child: no agent for p"
echo $$ > h/cgroup.procs
sleep 0.3
[ -e log ] || echo "subtree empty but a child left: no agent"
rmdir h/p/c
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
echo 1 > h/p/notify_on_release
mkdir h/p/c2
echo 1 > h/p/c2/notify_on_release
echo $$ > h/p/c2/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ $(wc -l < log) -ge 2 ] && break; sleep 0.1; done
sleep 0.3
cat log
echo > h/release_agent
