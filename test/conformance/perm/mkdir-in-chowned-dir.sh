# in a cgroup directory chowned to a user, that user creates, renames and removes child cgroups, including root's, and owns what it creates
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a a/r
chown 65534:65534 a
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
mkdir a/n && echo "mkdir: done"
ls -ldn a/n | tr -s " " | cut -d" " -f1,3,4
ls -ln a/n | tr -s " " | cut -d" " -f1,3,4,9
mv a/r a/s && echo "rename of root child: done"
rmdir a/s && echo "rmdir of root child: done"
/bin/echo $$ > a/n/tasks && grep systemd /proc/self/cgroup
/bin/echo $$ > a/tasks || echo "the chowned directory tasks file is still root-owned"
'
ls a | grep -v '\.'
