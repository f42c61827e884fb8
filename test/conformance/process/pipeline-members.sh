# every process of a pipeline is a child in the shell's cgroup
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir p
echo $$ > p/tasks
cat p/tasks | cat | wc -l
cat p/cgroup.procs | sort | uniq | wc -l
