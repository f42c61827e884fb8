# an unprivileged user can neither create, remove nor rename cgroups in a root-owned cgroup directory
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a a/b
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
mkdir a/c || echo "mkdir: status $?"
rmdir a/b || echo "rmdir: status $?"
mv a/b a/d || echo "rename: status $?"
ls a | grep -v "\."
'
ls a
