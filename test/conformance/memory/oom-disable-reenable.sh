# a process waiting at the limit under oom_kill_disable is OOM-killed once oom_kill_disable goes back to 0
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
echo 50M > a/memory.limit_in_bytes
echo 1 > a/memory.oom_control
sh -c 'echo $$ > a/cgroup.procs; exec stress-ng --vm 1 --vm-bytes 100M --vm-keep --oomable -t 60 -q' > /dev/null 2>&1 &
p=$!
for i in $(seq 100); do grep -q 'under_oom 1' a/memory.oom_control && break; sleep 0.1; done
cat a/memory.oom_control
echo 0 > a/memory.oom_control
wait $p; echo "stress-ng rc=$?"
cat a/memory.oom_control
echo "tasks left: $(cat a/tasks | wc -l)"
