# kernfs imitates inode_init_owner: in a setgid cgroup directory children take its group and the setgid bit, but only once the directory has attributes of its own
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chown 1000:1000 a
chmod 2777 a
setpriv --reuid=3000 --regid=2000 --clear-groups mkdir a/w
mkdir a/r
ls -ldn a/w a/r | tr -s ' ' | cut -d' ' -f1,3,4,9
ls -ln a/w | tr -s ' ' | cut -d' ' -f1,3,4,9
mkdir b
chmod 2755 b
umask 0
mkdir b/c
umask 022
setpriv --reuid=3000 --regid=2000 --clear-groups mkdir b/c/d
ls -ldn b b/c b/c/d | tr -s ' ' | cut -d' ' -f1,3,4,9
touch b/c
setpriv --reuid=3000 --regid=2000 --clear-groups mkdir b/c/e
ls -ldn b/c/e | tr -s ' ' | cut -d' ' -f1,3,4,9
ls -ln b/c/e | tr -s ' ' | cut -d' ' -f1,3,4,9
