# v1: even with write access to tasks and cgroup.procs, a non-root writer moves only processes whose uid or saved uid is its euid
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chown 65534 a/tasks a/cgroup.procs
sleep 100 &
root=$!
setpriv --reuid=1000 --regid=1000 --clear-groups sleep 100 &
other=$!
until [ "$(cat /proc/$other/comm)" = sleep ]; do sleep 0.05; done
setpriv --reuid=65534 --regid=65534 --clear-groups sleep 100 &
same=$!
until [ "$(cat /proc/$same/comm)" = sleep ]; do sleep 0.05; done
echo "@pid rootsleep $root"
echo "@pid uid1000 $other"
echo "@pid nobodysleep $same"
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
for f in tasks cgroup.procs; do
	for p in $1 $2 $4; do /bin/echo $p > a/$f || echo "$f $p: status $?"; done
done
/bin/echo $3 > a/tasks && echo "moved $3 (same uid) through tasks"
/bin/echo 0 > a/cgroup.procs && echo "moved itself with 0"
' sh $root $other $same $$
cat a/tasks
