# files of a removed cgroup2 group kept open by a descriptor: every write and read through it is ENODEV (kernfs deactivated the node)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a
exec 3>a/cgroup.procs 4>a/cgroup.freeze 5>a/cgroup.kill 6<a/cgroup.procs 7>a/cgroup.max.depth 8>a/cgroup.type
rmdir a
w() { if e=$(/bin/echo "$1" 2>&1 >&$2); then echo "$3 -> ok"; else echo "$3 -> ${e##*: }"; fi; }
w $$ 3 "procs"
w 1 4 "freeze"
w 1 5 "kill"
w 2 7 "max.depth"
w threaded 8 "type"
echo "procs read: [$(cat <&6)]"
grep '^0::' /proc/self/cgroup
