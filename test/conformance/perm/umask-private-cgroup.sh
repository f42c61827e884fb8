# a user's umask makes the cgroups it creates private: others can neither list them nor reach their files, root still can
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chown 65534:65534 a
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c 'umask 077; mkdir a/p && /bin/echo $$ > a/p/tasks && grep systemd /proc/self/cgroup'
ls -ldn a/p | tr -s ' ' | cut -d' ' -f1,3,4
setpriv --reuid=1000 --regid=1000 --clear-groups sh -c '
ls a/p || echo "ls: status $?"
cat a/p/tasks || echo "cat: status $?"
rmdir a/p || echo "rmdir: status $?"
'
cat a/p/notify_on_release
rmdir a/p && echo "root rmdir: done"
