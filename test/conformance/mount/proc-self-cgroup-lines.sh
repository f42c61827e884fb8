# /proc/<pid>/cgroup shows private hierarchies newest first, controllers then name= in one field, and each task's own path
cd $CGKIT_TMP
mkdir a b c
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup a
mount -t cgroup -o perf_event,name=$CGKIT_PREFIX-2 cgroup b
mount -t cgroup -o none,name=$CGKIT_PREFIX-3 cgroup c
mkdir a/x b/y b/y/z c/w
sleep 1000 &
p=$!
echo "@pid sleeper $p"
echo $$ > a/x/cgroup.procs
echo $p > b/y/z/cgroup.procs
echo $p > c/w/tasks
grep "$CGKIT_PREFIX-" /proc/self/cgroup
grep "$CGKIT_PREFIX-" /proc/$p/cgroup
grep '^perf_event' /proc/cgroups
kill $p
wait $p 2>/dev/null
echo $$ > a/cgroup.procs
