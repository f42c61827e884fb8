# a writer with euid 0 but no capabilities still moves anyone's process (the v1 rule tests the euid, not a capability), while file modes now bind it
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
setpriv --reuid=1000 --regid=1000 --clear-groups sleep 100 &
other=$!
until [ "$(cat /proc/$other/comm)" = sleep ]; do sleep 0.05; done
echo "@pid uid1000 $other"
setpriv --bounding-set=-all --inh-caps=-all sh -c '
grep -E "^Cap(Prm|Eff)" /proc/self/status
/bin/echo $1 > a/tasks && echo "moved through tasks"
' sh $other
chown 65534 a/cgroup.procs
chmod 600 a/cgroup.procs
setpriv --bounding-set=-all sh -c '/bin/echo $1 > a/cgroup.procs || echo "cgroup.procs of another owner: status $?"' sh $other
cat a/tasks
