# from inside a cgroup namespace, other processes' cgroups read relative to the namespace root: /.. per level up to the common ancestor, then the way down
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
P=/sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir a a/b a/b/c d d/e $P/a $P/a/b $P/x
sleep 100 & s=$!
echo "@pid other $s"
echo $$ > a/b/tasks
echo $$ > $P/a/b/tasks
for where in a/b a/b/c a . d d/e; do
	echo $s > $where/tasks
	echo "other in $where: $(unshare --cgroup grep systemd /proc/$s/cgroup)"
done
for where in a/b a . x; do
	echo $s > $P/$where/tasks
	echo "other in pids $where: $(unshare --cgroup grep pids /proc/$s/cgroup)"
done
echo "unified (both at the prefix): $(unshare --cgroup grep '^0::' /proc/$s/cgroup)"
echo "the reader itself moved out of its namespace root:"
unshare --cgroup sh -c "echo \$\$ > $PWD/d/e/tasks; echo \$\$ > $P/x/tasks; grep -E 'systemd|pids' /proc/self/cgroup"
echo "seen from outside: $(grep systemd /proc/$s/cgroup)"
kill $s
