# a new cpuset cgroup has no cpus and mems: attaching to it is ENOSPC until both are set
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 -> ok"; else echo "$2 -> ${e##*: }"; fi; }
echo "cpus=[$(cat a/cpuset.cpus)] mems=[$(cat a/cpuset.mems)]"
w $$ a/tasks
w $$ a/cgroup.procs
cat cpuset.cpus > a/cpuset.cpus
w $$ a/tasks
cat cpuset.mems > a/cpuset.mems
w $$ a/tasks
grep cpuset /proc/self/cgroup
echo $$ > tasks
