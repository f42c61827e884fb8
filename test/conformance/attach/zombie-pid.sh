# a zombie's pid is accepted by tasks and cgroup.procs but nothing moves; it is not listed; /proc/<pid>/cgroup shows /
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
sh -c 'echo $$ > a/cgroup.procs; sleep 0.1 & echo $! > $CGKIT_TMP/zpid; exec sleep 1000' &
p=$!
echo "@pid parent $p"
while [ ! -s $CGKIT_TMP/zpid ]; do sleep 0.01; done
read z < $CGKIT_TMP/zpid
echo "@pid zombie $z"
until grep -q '^State:.Z' /proc/$z/status; do sleep 0.05; done
grep '^State' /proc/$z/status
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 -> ok"; else echo "$2 -> ${e##*: }"; fi; }
w $z b/tasks
w $z b/cgroup.procs
echo "b tasks:"; cat b/tasks
echo "b procs:"; cat b/cgroup.procs
echo "a tasks:"; cat a/tasks
grep name=systemd /proc/$z/cgroup /proc/$p/cgroup
kill $p
wait $p 2>/dev/null
