# moving a process to another cgroup leaves its memory charged where it was allocated; the old cgroup can be removed all the same
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a b
M=1048576
sh -c 'echo $$ > a/cgroup.procs; exec stress-ng --vm 1 --vm-bytes 20M --vm-keep -t 60 -q' > /dev/null 2>&1 &
p=$!
for i in $(seq 100); do [ $(cat a/memory.usage_in_bytes) -ge $((20*M)) ] && break; sleep 0.1; done
for t in $(cat a/tasks); do echo $t > b/tasks; done
sleep 0.5
echo "tasks a: $(cat a/tasks | wc -l) b: $(cat b/tasks | wc -l)"
[ $(cat a/memory.usage_in_bytes) -ge $((20*M)) ] && echo "a usage still >= 20M"
[ $(cat b/memory.usage_in_bytes) -lt $((20*M)) ] && echo "b usage < 20M (only what was allocated after the move)"
rmdir a && echo "rmdir a: ok"
[ $(cat memory.usage_in_bytes) -ge $((20*M)) ] && echo "sandbox usage still >= 20M"
kill $p; wait $p
