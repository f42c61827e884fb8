# v1 checks only the destination's tasks file: a user moves its process out of a root-owned cgroup into one it may write, but not back
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
chown 65534 a/tasks
setpriv --reuid=65534 --regid=65534 --clear-groups sleep 100 &
p=$!
until [ "$(cat /proc/$p/comm)" = sleep ]; do sleep 0.05; done
echo "@pid nobodysleep $p"
echo $p > b/tasks
grep systemd /proc/$p/cgroup
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
/bin/echo $1 > a/tasks && echo "b to a: moved"
grep systemd /proc/$1/cgroup
/bin/echo $1 > b/tasks || echo "a to b: refused"
/bin/echo $1 > tasks || echo "a to parent: refused"
' sh $p
grep systemd /proc/$p/cgroup
