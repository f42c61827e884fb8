# exec replaces the program but keeps the task and its cgroup
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir a b
sh -c 'echo $$ > a/tasks; exec sh -c "echo \$\$; grep systemd /proc/self/cgroup; cat a/tasks"'
cat a/tasks
