# files opened before rmdir fail with ENODEV afterwards; the removed directory is gone from its parent
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
echo $$ > a/tasks
echo $$ > tasks
exec 3< a/tasks
exec 4> b/tasks
exec 5< a/notify_on_release
rmdir a b && echo "rmdir: ok"
cat <&3
echo "read tasks: $?"
cat <&5
echo "read notify_on_release: $?"
/bin/echo $$ >&4
echo "write tasks: $?"
exec 3<&- 4>&- 5<&-
ls
mkdir a && ls a
