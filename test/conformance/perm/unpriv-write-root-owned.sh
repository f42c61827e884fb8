# an unprivileged user cannot write the core files of a root-owned cgroup (EACCES from the 0644 modes) but reads them all
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
echo 1 > a/notify_on_release
sleep 100 &
echo "@pid sleeper $!"
echo $! > a/tasks
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
for f in tasks cgroup.procs notify_on_release cgroup.clone_children; do
	/bin/echo 0 > a/$f || echo "write $f: status $?"
done
/bin/echo $$ > a/tasks
echo "tasks: $(cat a/tasks)"
echo "cgroup.procs: $(cat a/cgroup.procs)"
echo "notify_on_release: $(cat a/notify_on_release)"
echo "cgroup.clone_children: $(cat a/cgroup.clone_children)"
grep systemd /proc/self/cgroup
'
cat a/tasks a/notify_on_release
