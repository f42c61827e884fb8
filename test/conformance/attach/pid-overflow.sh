# numbers out of int range are EINVAL (kstrtoint's ERANGE is not passed on), in range but above pid_max ESRCH
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
for v in 2147483647 2147483648 4294967295 4294967296 $((4294967296 + $$)) 99999999999999999999 0x7fffffff 0x80000000 0xffffffff 017777777777 020000000000 -2147483649; do
	w $v a/tasks
done
w 9223372036854775807 a/cgroup.procs
w 18446744073709551616 a/cgroup.procs
grep name=systemd /proc/self/cgroup
