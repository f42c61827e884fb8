# chmod on cgroup files and directories keeps every mode bit as given (special bits too); a new child gets the default modes again
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chmod 600 a/tasks
chmod 0 a/cgroup.procs
chmod 4755 a/notify_on_release
chmod 3640 a/cgroup.clone_children
chmod 1700 a
ls -ldn a | tr -s ' ' | cut -d' ' -f1,3,4
ls -ln a | tr -s ' ' | cut -d' ' -f1,3,4,9
chmod u+x,g=w,o-r a/tasks
chmod 2755 a
ls -ldn a | tr -s ' ' | cut -d' ' -f1,3,4
ls -ln a/tasks | tr -s ' ' | cut -d' ' -f1,3,4
mkdir a/b
ls -ldn a/b | tr -s ' ' | cut -d' ' -f1,3,4
ls -ln a/b | tr -s ' ' | cut -d' ' -f1,3,4,9
chown 12345:54321 a/b/tasks
chown 7 a/b
ls -ldn a/b a/b/tasks | tr -s ' ' | cut -d' ' -f1,3,4,9
