# descriptors opened before a rename keep working on the renamed cgroup; the old path is gone, the new one shares the state
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
sleep 1000 &
p=$!
echo "@pid sleeper $p"
exec 3> a/tasks 4< a/cgroup.clone_children
mv a b && echo "renamed"
echo $p >&3 && echo "write through the old descriptor: ok"
grep name=systemd /proc/$p/cgroup
cat <&4
cat b/tasks
cat a/tasks
mv b a && exec 5< a/tasks && mv a c && cat <&5
