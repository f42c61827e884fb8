# cgroup v1 has no internal-process rule: a cgroup with children can hold tasks, gain children while populated, and take tasks from them
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
sleep 1000 &
p=$!
sleep 1000 &
q=$!
echo "@pid first $p"
echo "@pid second $q"
echo $p > a/tasks
mkdir a/child && echo "mkdir under a populated cgroup: ok"
echo $q > a/child/tasks
echo "a: [$(cat a/tasks)] a/child: [$(cat a/child/tasks)]"
mkdir a/child/grandchild && echo "mkdir under a populated child: ok"
echo $q > a/tasks
echo $p > a/child/grandchild/cgroup.procs
echo "a: [$(cat a/tasks)] a/child: [$(cat a/child/tasks)] grandchild: [$(cat a/child/grandchild/tasks)]"
grep name=systemd /proc/$p/cgroup /proc/$q/cgroup
