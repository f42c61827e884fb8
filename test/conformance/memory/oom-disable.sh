# with oom_kill_disable the process at the limit waits in D state and under_oom reads 1; a higher limit lets it go on, no kill happens
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
M=1048576
echo 50M > a/memory.limit_in_bytes
echo 1 > a/memory.oom_control
sh -c 'echo $$ > a/cgroup.procs; exec stress-ng --vm 1 --vm-bytes 100M --vm-keep --oomable -t 60 -q' > /dev/null 2>&1 &
p=$!
for i in $(seq 100); do grep -q 'under_oom 1' a/memory.oom_control && break; sleep 0.1; done
cat a/memory.oom_control
echo "sandbox: $(grep under_oom memory.oom_control)"
nd() { for t in $(cat a/tasks); do ps -o stat= -p $t; done | grep -c D; }
echo "tasks $(cat a/tasks | wc -l), in D: $(nd)"
u=$(cat a/memory.usage_in_bytes); [ $u -le $((50*M)) ] && [ $u -ge $((48*M)) ] && echo "usage at the limit"
[ $(cat a/memory.failcnt) -gt 0 ] && echo "failcnt > 0"
echo 200M > a/memory.limit_in_bytes
for i in $(seq 100); do [ $(cat a/memory.usage_in_bytes) -ge $((100*M)) ] && break; sleep 0.1; done
cat a/memory.oom_control
echo "tasks $(cat a/tasks | wc -l), in D: $(nd)"
[ $(cat a/memory.usage_in_bytes) -ge $((100*M)) ] && echo "usage >= 100M"
if e=$(/bin/echo 60M 2>&1 > a/memory.limit_in_bytes); then echo "60M -> ok"; else echo "60M -> ${e##*: }"; fi
kill $p; wait $p; echo "stress-ng rc=$?"
cat a/memory.oom_control
