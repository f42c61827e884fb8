# moving between sibling cgroups and back, and between a parent and its child: each file lists the process only where it is
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir -p a b a/c
sleep 1000 &
p=$!
echo "@pid sleeper $p"
show() { echo "$1: a=[$(cat a/tasks)] b=[$(cat b/tasks)] a/c=[$(cat a/c/tasks)] $(grep name=systemd /proc/$p/cgroup)"; }
echo $p > a/tasks; show "to a"
echo $p > b/tasks; show "to b"
echo $p > a/tasks; show "back to a"
echo $p > a/c/cgroup.procs; show "to a/c"
echo $p > a/cgroup.procs; show "up to a"
echo $p > a/tasks; show "a again"
echo $p > tasks; show "to the prefix"
