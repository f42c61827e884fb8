# test(1) on cgroup files as root: -s is false even when a file has content (size 0), -x false without x bits, -r/-w true at mode 000
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
echo $$ > a/tasks
t() { for op in -e -f -d -r -w -x -s -L; do test $op "$1" && printf '%s ' $op; done; echo "<- $1"; }
t a
t a/tasks
t a/notify_on_release
[ -n "$(cat a/tasks)" ] && echo "a/tasks has content"
chmod 000 a/tasks a
t a
t a/tasks
chmod 111 a/notify_on_release
t a/notify_on_release
t a/nonexistent
echo $$ > tasks
