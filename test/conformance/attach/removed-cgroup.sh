# a tasks file kept open across rmdir answers every write with ENODEV, checked before the pid is parsed or looked up
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
exec 3> a/tasks 4> a/cgroup.procs
rmdir a && echo "removed"
w() { if e=$(/bin/echo "$1" 2>&1 >&$2); then echo "'$1' -> ok"; else echo "'$1' -> ${e##*: }"; fi; }
w $$ 3
w 0 3
w abc 3
w -1 4
w 99999 4
mkdir a
w $$ 3
echo "new a: [$(cat a/tasks)]"
grep name=systemd /proc/self/cgroup
