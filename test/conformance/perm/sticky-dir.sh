# in a sticky (1777) cgroup directory only the child's owner, the directory's owner or root may remove or rename it (EPERM)
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chmod 1777 a
setpriv --reuid=65534 --regid=65534 --clear-groups mkdir a/n a/m
setpriv --reuid=1000 --regid=1000 --clear-groups sh -c '
rmdir a/n || echo "other user rmdir: status $?"
mv a/n a/o || echo "other user rename: status $?"
mkdir a/k && echo "other user mkdir: done"
'
setpriv --reuid=65534 --regid=65534 --clear-groups rmdir a/n && echo "owner rmdir: done"
rmdir a/m && echo "root rmdir: done"
ls -ldn a | tr -s ' ' | cut -d' ' -f1,3,4
ls a | grep -v '\.'
