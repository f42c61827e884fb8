# a user changes the mode of cgroup files it owns but not others' (EPERM), and may not give its files away or to a group it is not in
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chown 65534 a/tasks
setpriv --reuid=65534 --regid=65534 --groups=3000 sh -c '
chmod 666 a/cgroup.procs || echo "chmod of root file: status $?"
chown 65534 a/cgroup.procs || echo "chown of root file: status $?"
chmod 600 a/tasks && echo "chmod of own file: done"
chown 0 a/tasks || echo "chown own file to root: status $?"
chown :4000 a/tasks || echo "chgrp to a foreign group: status $?"
chown :3000 a/tasks && echo "chgrp to a supplementary group: done"
chown 65534:65534 a/tasks && echo "chown to itself and its gid: done"
chmod 600 a || echo "chmod of root dir: status $?"
'
ls -ln a | tr -s ' ' | cut -d' ' -f1,3,4,9
