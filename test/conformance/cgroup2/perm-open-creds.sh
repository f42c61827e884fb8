# cgroup.procs writes use the credentials of the opener: an unprivileged process moves itself through a descriptor root opened
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a b
exec 3>a/cgroup.procs
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
/bin/echo $$ > b/cgroup.procs || echo "own open refused"
/bin/echo $$ >&3 && echo "moved through root descriptor"
grep "^0::" /proc/self/cgroup
'
exec 3>&-
