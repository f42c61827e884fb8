# the group write bit of tasks admits a writer through its egid or a supplementary group
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chown :3000 a/tasks
chmod 664 a/tasks
ls -ln a/tasks | tr -s ' ' | cut -d' ' -f1,3,4
try() {
	setpriv --reuid=65534 "$@" sh -c '/bin/echo $$ > a/tasks && grep -c . a/tasks'
	echo "$*: status $?"
}
try --regid=65534 --clear-groups
try --regid=65534 --groups=3000
try --regid=3000 --clear-groups
try --regid=65534 --groups=2999,3001
