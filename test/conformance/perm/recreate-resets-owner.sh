# modes and owners belong to the cgroup, not its name: a cgroup removed and made again has the creator's ids and the default modes
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chown -R 65534:65534 a
chmod 700 a
chmod 600 a/tasks
ls -ldn a a/tasks | tr -s ' ' | cut -d' ' -f1,3,4,9
rmdir a
setpriv --reuid=1000 --regid=1000 --clear-groups mkdir a 2>/dev/null || echo "a user cannot make it in the root-owned parent"
mkdir a
ls -ldn a a/tasks | tr -s ' ' | cut -d' ' -f1,3,4,9
