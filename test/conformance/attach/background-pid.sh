# a background process moves by its pid through either file; the writer stays where it is
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
sleep 1000 &
p=$!
echo "@pid sleeper $p"
echo $p > a/tasks
grep name=systemd /proc/$p/cgroup /proc/$$/cgroup
cat a/tasks a/cgroup.procs
echo $p > b/cgroup.procs
grep name=systemd /proc/$p/cgroup
echo "a:"; cat a/tasks
echo $p > a/cgroup.procs && grep name=systemd /proc/$p/cgroup
kill $p
wait $p 2>/dev/null
echo "a after the sleeper died:"; cat a/tasks
