# a process whose parent dies is reparented to init and keeps its cgroups; moving the dead parent's cgroup mates is unaffected
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
sh -c 'echo $$ > a/tasks; sleep 1000 & echo $! > '$CGKIT_TMP'/g; exec sleep 1000' &
q=$!
echo "@pid parent $q"
while [ ! -s $CGKIT_TMP/g ]; do sleep 0.01; done
read g < $CGKIT_TMP/g
echo "@pid orphan $g"
grep PPid /proc/$g/status
kill $q
wait $q 2>/dev/null
until grep -q 'PPid:.1$' /proc/$g/status; do sleep 0.01; done
grep PPid /proc/$g/status
grep name=systemd /proc/$g/cgroup
echo "a: [$(cat a/tasks)]"
echo $g > b/tasks
grep name=systemd /proc/$g/cgroup
