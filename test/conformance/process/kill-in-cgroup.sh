# killing every process of a cgroup empties it; rmdir then succeeds
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir k
for i in 1 2 3; do sleep 1000 & echo $! > k/cgroup.procs; done
wc -l < k/tasks
rmdir k || echo busy
for p in $(cat k/cgroup.procs); do kill $p; done
wait 2>/dev/null
wc -l < k/tasks
rmdir k && echo removed
