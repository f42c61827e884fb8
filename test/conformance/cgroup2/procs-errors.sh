# cgroup.procs writes: garbage EINVAL, unknown pid ESRCH, numbers parse with base 0, 0 means the writer, a pid moves its whole process; reads list pids sorted
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a b
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w abc a/cgroup.procs
w 12abc a/cgroup.procs
w -1 a/cgroup.procs
w 99999999 a/cgroup.procs
w 4194304 a/cgroup.procs
w "" a/cgroup.procs
w " " a/cgroup.procs
sleep 1000 & p=$!
echo "@pid sleeper $p"
w "$p" a/cgroup.procs
w " $p " b/cgroup.procs
w "+$p" a/cgroup.procs
w 0x10 b/cgroup.procs
w 08 b/cgroup.procs
w "$p $p" b/cgroup.procs
grep '^0::' /proc/$p/cgroup
sh -c '/bin/echo 0 > a/cgroup.procs; grep "^0::" /proc/self/cgroup'
echo "a:"; cat a/cgroup.procs
echo "b:"; cat b/cgroup.procs
