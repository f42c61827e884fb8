# notify_on_release and cgroup.clone_children have no capability check: a user in the files' group sets them, and children inherit the values
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chown :3000 a a/notify_on_release a/cgroup.clone_children
chmod 664 a/notify_on_release a/cgroup.clone_children
chmod 775 a
setpriv --reuid=65534 --regid=65534 --groups=3000 sh -c '
/bin/echo 1 > a/notify_on_release && echo "notify_on_release: $(cat a/notify_on_release)"
/bin/echo 1 > a/cgroup.clone_children && echo "cgroup.clone_children: $(cat a/cgroup.clone_children)"
mkdir a/b && cat a/b/notify_on_release a/b/cgroup.clone_children
/bin/echo 0 > a/b/notify_on_release && echo "own child: $(cat a/b/notify_on_release)"
'
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '/bin/echo 0 > a/notify_on_release || echo "without the group: status $?"'
ls -ln a | tr -s ' ' | cut -d' ' -f1,3,4,9
