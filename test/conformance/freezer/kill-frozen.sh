# a frozen task that gets a fatal signal stays in its cgroup until thawed, then dies of it
cd /sys/fs/cgroup/freezer/$CGKIT_PREFIX
mkdir a
for sig in KILL TERM; do
	sleep 1000 & p=$!
	echo $p > a/cgroup.procs
	echo FROZEN > a/freezer.state
	kill -$sig $p
	sleep 0.3
	echo "after SIG$sig: $(wc -l < a/tasks) task, $(cat a/freezer.state), $(grep State /proc/$p/status | cut -f2)"
	echo THAWED > a/freezer.state
	wait $p 2>/dev/null; echo "wait=$?"
	echo "after thaw: $(wc -l < a/tasks) tasks, $(cat a/freezer.state)"
done
