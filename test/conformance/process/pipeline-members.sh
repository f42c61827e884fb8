# every process of a pipeline is a child in the shell's cgroup
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir p
echo $$ > p/tasks
sh -c 'grep systemd /proc/self/cgroup' | sh -c 'cat; grep systemd /proc/self/cgroup' | cat
echo $$ > tasks
sh -c 'grep systemd /proc/self/cgroup' | cat
