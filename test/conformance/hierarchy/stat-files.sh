# stat(1) of cgroup files and directories: size 0 and no blocks whatever the content, 4096-byte I/O blocks; statfs names cgroupfs
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir -p a/b
echo $$ > a/tasks
stat -c '%A %h %u %g %s %b %B %o %F %n' a a/b a/tasks a/cgroup.procs a/notify_on_release
stat -L -c '%A %h %s %F %n' a/b/.. a/./tasks
stat -f -c '%T %s %S' a | sed 's/ [0-9]* [0-9]*$/ SIZES/'
stat -f -c '%T' a/tasks
stat -c '%n %s' nonexistent 2>&1
echo $$ > tasks
