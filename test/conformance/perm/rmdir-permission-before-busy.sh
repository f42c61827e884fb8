# rmdir checks the parent's permission before the cgroup's state: a populated cgroup gives EACCES to a stranger, EBUSY to the parent's owner
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a a/b a/c a/c/d
chown 65534 a/c
sleep 100 &
echo "@pid sleeper $!"
echo $! > a/b/tasks
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
rmdir a/b || echo "populated, root-owned parent: status $?"
rmdir a/c || echo "with a child, root-owned parent: status $?"
rmdir a/c/d && echo "empty, own parent: done"
'
chown 65534 a
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
rmdir a/b || echo "populated, own parent: status $?"
rmdir a/nonexistent || echo "missing, own parent: status $?"
'
ls a | grep -v '\.'
