# a symlink as release_agent runs its target, with argv[0] the release_agent string itself; a dangling symlink runs nothing
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$0 $1" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
ln -s agent link
ln -s missing dangling
mkdir h/a
echo 1 > h/a/notify_on_release
echo $CGKIT_TMP/dangling > h/release_agent
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
sleep 0.3
echo $CGKIT_TMP/link > h/release_agent
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
echo > h/release_agent
