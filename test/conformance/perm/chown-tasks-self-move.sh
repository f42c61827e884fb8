# after chown of a cgroup's tasks file to a user, that user moves its own process through it, but not through the root-owned cgroup.procs
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chown 65534 a/tasks
ls -ln a | tr -s ' ' | cut -d' ' -f1,3,4,9
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
/bin/echo $$ > a/cgroup.procs || echo "cgroup.procs: status $?"
grep systemd /proc/self/cgroup
/bin/echo $$ > a/tasks && echo "tasks: moved"
grep systemd /proc/self/cgroup
test "$(cat a/tasks)" = $$ && echo "tasks lists the user shell"
'
echo "after: $(cat a/tasks | wc -l)"
