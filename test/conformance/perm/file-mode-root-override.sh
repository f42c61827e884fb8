# root reads and writes cgroup files whatever their mode (capabilities override it); an unprivileged owner obeys its own bits
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chmod 0 a/tasks a/notify_on_release
ls -ln a/tasks a/notify_on_release | tr -s ' ' | cut -d' ' -f1,3,4,9
echo 1 > a/notify_on_release && cat a/notify_on_release
echo $$ > a/tasks && cat a/tasks
echo $$ > tasks
chown 65534 a/tasks
chmod 200 a/tasks
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
cat a/tasks || echo "owner read with 0200: status $?"
/bin/echo $$ > a/tasks && echo "owner write with 0200: done"
'
chmod 444 a/tasks
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '/bin/echo 0 > a/tasks || echo "owner write with 0444: status $?"'
echo $$ > a/tasks && echo "root write with 0444: done"
echo $$ > tasks
