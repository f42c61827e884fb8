# a process that exits disappears from tasks and cgroup.procs, reaped or not
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir a
sh -c 'echo $$ > a/tasks; echo "@pid child $$"; cat a/tasks'
echo after exit:
cat a/tasks a/cgroup.procs
echo end
