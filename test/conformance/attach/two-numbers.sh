# one write holds one pid: two numbers in a write are EINVAL and move neither (a NUL ends the number), two writes through one open file move both
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
sleep 1000 &
p=$!
sleep 1000 &
q=$!
echo "@pid first $p"
echo "@pid second $q"
w() { if e=$(/usr/bin/printf "$2" 2>&1 > "$3"); then r=ok; else r=${e##*: }; fi; echo "$1 > $3 -> $r"; }
w "two pids and a space" "$p $q" a/tasks
w "two lines" "$p\\n$q\\n" a/tasks
w "a comma" "$p,$q" a/cgroup.procs
w "a NUL and junk" "$p\\0000junk" a/cgroup.procs
echo "a after one write:"; cat a/tasks
{ echo $p; echo $q; } > b/tasks
echo "b after two writes:"; cat b/tasks
exec 3> a/cgroup.procs
echo $p >&3
/bin/echo junk >&3
echo $q >&3
exec 3>&-
echo "a after three writes on one descriptor, the middle one failing:"; cat a/cgroup.procs
{ printf 3; printf 0; } > b/tasks
echo "b after the writes '3' and '0' (the shell itself):"; cat b/tasks
grep name=systemd /proc/$$/cgroup
echo $$ > tasks
