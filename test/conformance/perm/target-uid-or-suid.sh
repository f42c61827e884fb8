# the v1 permission rule compares the writer's euid with the target's real uid and saved uid; the writer's real uid and the gids do not count
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chmod 666 a/tasks
setpriv --ruid=1000 --euid=2000 --regid=5000 --clear-groups sleep 100 &
t=$!
until [ "$(cat /proc/$t/comm)" = sleep ]; do sleep 0.05; done
echo "@pid target $t"
grep -E '^(Uid|Gid)' /proc/$t/status
try() {
	setpriv "$@" sh -pc '/bin/echo $1 > a/tasks' sh $t
	if grep -qx $t a/tasks; then echo "$*: moved"; echo $t > tasks; else echo "$*: refused"; fi
}
try --reuid=1000 --regid=6000 --clear-groups
try --reuid=2000
try --reuid=3000
try --ruid=1000 --euid=3000
try --ruid=3000 --euid=1000
try --ruid=3000 --euid=2000 --regid=5000 --clear-groups
