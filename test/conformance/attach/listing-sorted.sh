# tasks and cgroup.procs list pids sorted ascending whatever the order of the moves, each once, one per line
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
for i in 1 2 3 4 5; do sleep 1000 & eval p$i=\$!; done
echo "@pid s1 $p1"; echo "@pid s2 $p2"; echo "@pid s3 $p3"; echo "@pid s4 $p4"; echo "@pid s5 $p5"
for p in $p4 $p2 $p5 $p1 $p3 $p2 $p2; do echo $p > a/tasks; done
echo "tasks:"; cat a/tasks
echo "procs:"; cat a/cgroup.procs
echo $p2 > a/cgroup.procs
echo $p3 > cgroup.procs
echo "after moving s3 out:"; cat a/tasks
echo $p3 > a/tasks
echo "after moving s3 back:"; cat a/cgroup.procs
wc -c < a/cgroup.procs
