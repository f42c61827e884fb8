# an unprivileged writer needs write access to cgroup.procs of the common ancestor of source and destination (EACCES otherwise), not ownership of the process moved
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p d/a d/b
chown 65534 d/a/cgroup.procs d/b/cgroup.procs
sleep 1000 & r=$!
echo "@pid rootsleeper $r"
echo $r > d/a/cgroup.procs
u() { setpriv --reuid=65534 --regid=65534 --clear-groups sh -c "if e=\$(/bin/echo $1 2>&1 > $2); then echo '$3 -> ok'; else echo \"$3 -> \${e##*: }\"; fi"; }
u $r d/b/cgroup.procs "a->b, d not writable"
echo "0:: $(grep '^0::' /proc/$r/cgroup)"
chown 65534 d/cgroup.procs
u $r d/b/cgroup.procs "a->b, d writable"
echo "0:: $(grep '^0::' /proc/$r/cgroup)"
u $r d/cgroup.procs "b->d"
u $r d/a/cgroup.procs "d->a"
echo "0:: $(grep '^0::' /proc/$r/cgroup)"
chown 0 d/a/cgroup.procs
u $r d/b/cgroup.procs "a->b, b writable, a not"
echo "0:: $(grep '^0::' /proc/$r/cgroup)"
u $r d/a/cgroup.procs "b->a, a not writable"
echo "0:: $(grep '^0::' /proc/$r/cgroup)"
u $r cgroup.procs "b->prefix"
ls -ln d/cgroup.procs d/a/cgroup.procs d/b/cgroup.procs | tr -s ' ' | cut -d' ' -f1,3,4,9
