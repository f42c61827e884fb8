# a cgroup made again under a removed one's name is a new cgroup: flags from the parent, no tasks, old descriptors stay ENODEV
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
cd h
mkdir a
echo 1 > a/notify_on_release
echo 1 > a/cgroup.clone_children
sleep 1000 &
p=$!
echo "@pid sleeper $p"
echo $p > a/tasks
exec 3< a/notify_on_release 4> a/tasks
echo $p > tasks
echo 0 > a/notify_on_release
rmdir a && echo "removed"
mkdir a && echo "made again"
echo "notify_on_release=$(cat a/notify_on_release) clone_children=$(cat a/cgroup.clone_children) tasks=[$(cat a/tasks)]"
cat <&3
/bin/echo $p >&4
grep name=$CGKIT_PREFIX /proc/$p/cgroup
echo $p > a/tasks && grep name=$CGKIT_PREFIX /proc/$p/cgroup
