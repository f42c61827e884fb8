# memory.stat of a new cgroup lists every key in order, all zero but the hierarchical limits (the sandbox's 256M); numa_stat counts pages per node
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
cat a/memory.stat
cat a/memory.numa_stat
