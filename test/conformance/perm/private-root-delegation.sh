# a hierarchy's root directory is 0555; chowned and made 0755 with its files, a user sets them and builds its own tree (sane_behavior stays read-only)
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
ls -ln h | tr -s ' ' | cut -d' ' -f1,3,4,9
chown 65534:65534 h h/tasks h/cgroup.procs h/cgroup.clone_children h/notify_on_release h/release_agent h/cgroup.sane_behavior
ls -ldn h | tr -s ' ' | cut -d' ' -f1,3,4
setpriv --reuid=65534 --regid=65534 --clear-groups mkdir h/x || echo "mkdir in the 0555 root: status $?"
chmod 755 h
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
/bin/echo 1 > h/cgroup.clone_children && echo "clone_children: $(cat h/cgroup.clone_children)"
/bin/echo 1 > h/notify_on_release && echo "notify_on_release: $(cat h/notify_on_release)"
/bin/echo 1 > h/cgroup.sane_behavior || echo "sane_behavior: status $?"
mkdir h/a h/a/b && echo "mkdir: done"
/bin/echo $$ > h/a/b/cgroup.procs && grep "name=$CGKIT_PREFIX" /proc/self/cgroup
/bin/echo $$ > h/tasks && grep "name=$CGKIT_PREFIX" /proc/self/cgroup
rmdir h/a/b h/a && echo "rmdir: done"
'
ls -ldn h | tr -s ' ' | cut -d' ' -f1,3,4
