# a zombie does not keep its cgroup populated: rmdir succeeds while it is unreaped, and it is listed nowhere
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir z
sh -c 'echo $$ > z/cgroup.procs; sleep 0.1 & echo $! > $CGKIT_TMP/zpid; exec sleep 1000' &
p=$!
echo "@pid parent $p"
while [ ! -s $CGKIT_TMP/zpid ]; do sleep 0.01; done
read z < $CGKIT_TMP/zpid
echo "@pid zombie $z"
until grep -q '^State:.Z' /proc/$z/status; do sleep 0.05; done
grep '^State' /proc/$z/status
echo "tasks:"; cat z/tasks
echo "procs:"; cat z/cgroup.procs
echo $p > cgroup.procs
rmdir z && echo "rmdir with a zombie: ok"
grep name=systemd /proc/$z/cgroup
ls
kill $p
wait $p 2>/dev/null
echo "parent killed: $?"
