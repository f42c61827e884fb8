# a new cgroup and its files belong to the creator's effective uid and gid, not the parent's owner
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chmod 777 a
setpriv --reuid=1000 --regid=2000 --clear-groups mkdir a/x
setpriv --ruid=3000 --euid=4000 --rgid=5000 --egid=6000 --clear-groups mkdir a/y
chown 1000:1000 a
mkdir a/z
ls -ln a | tr -s ' ' | cut -d' ' -f1,3,4,9
ls -ln a/y | tr -s ' ' | cut -d' ' -f1,3,4,9
