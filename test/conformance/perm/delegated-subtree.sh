# the classic v1 delegation: a user given a cgroup and its tasks files builds a subtree and moves its processes inside it but never out of it
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir d
chown 65534:65534 d d/tasks d/cgroup.procs
echo "@pid deleg $$"
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
/bin/echo $$ > d/cgroup.procs
mkdir d/x d/y
sleep 100 &
s=$!
echo "@pid worker $s"
/bin/echo $s > d/x/tasks && /bin/echo $s > d/y/cgroup.procs && echo "worker moved x then y"
grep systemd /proc/$s/cgroup
/bin/echo $$ > d/x/tasks && grep systemd /proc/self/cgroup
/bin/echo $s > tasks || echo "out of the subtree: status $?"
/bin/echo $s > d/tasks && echo "back to the delegated root: done"
kill $s
'
ls -ln d | tr -s ' ' | cut -d' ' -f1,3,4,9
