# tasks lists every one of many processes, sorted, no duplicates
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir m
for i in $(seq 1 40); do sleep 1000 & echo $! > m/cgroup.procs; done
wc -l < m/tasks
sort -n m/tasks | uniq | wc -l
cat m/tasks | sort -n -c && echo sorted
head -1 m/tasks
tail -1 m/tasks
