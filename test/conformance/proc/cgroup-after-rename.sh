# renaming a v1 cgroup directory changes the path /proc/<pid>/cgroup shows for its members and their descendants' cgroups
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a a/b
sleep 100 &
p=$!
echo "@pid sleeper $p"
echo $p > a/b/tasks
echo $$ > a/tasks
grep systemd /proc/$p/cgroup /proc/$$/cgroup
mv a/b a/c
mv a z
grep systemd /proc/$p/cgroup /proc/$$/cgroup
echo $$ > tasks
