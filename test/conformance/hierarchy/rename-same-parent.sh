# rename within the parent keeps the cgroup (private hierarchy): its tasks, flags and children follow, /proc/<pid>/cgroup shows the new name
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
cd h
mkdir -p a/sub
echo 1 > a/notify_on_release
sleep 1000 &
p=$!
echo "@pid sleeper $p"
echo $p > a/sub/tasks
mv a b && echo "mv a b: ok"
ls
cat b/notify_on_release b/sub/tasks
grep name=$CGKIT_PREFIX /proc/$p/cgroup
mv b/sub b/renamed && grep name=$CGKIT_PREFIX /proc/$p/cgroup
mkdir a && ls a
cat a/notify_on_release
mv -T b a 2>&1
ls b
