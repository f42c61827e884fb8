# writing max_usage_in_bytes resets the high-water mark to the current usage, not to 0
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
M=1048576
sh -c 'echo $$ > a/cgroup.procs; exec stress-ng --vm 1 --vm-bytes 16M --vm-keep -t 60 -q' > /dev/null 2>&1 &
p=$!
for i in $(seq 100); do [ $(cat a/memory.usage_in_bytes) -ge $((16*M)) ] && break; sleep 0.1; done
echo 0 > a/memory.max_usage_in_bytes
echo x > a/memory.memsw.max_usage_in_bytes
m=$(cat a/memory.max_usage_in_bytes)
[ $m -ge $((16*M)) ] && [ $m -le $((24*M)) ] && echo "max_usage 16M..24M after a reset while running"
m=$(cat a/memory.memsw.max_usage_in_bytes)
[ $m -ge $((16*M)) ] && [ $m -le $((24*M)) ] && echo "memsw max_usage 16M..24M after a reset while running"
kill $p; wait $p
for i in $(seq 50); do [ $(cat a/memory.usage_in_bytes) -lt $M ] && break; sleep 0.1; done
[ $(cat a/memory.max_usage_in_bytes) -ge $((16*M)) ] && echo "max_usage >= 16M after exit"
echo 0 > a/memory.max_usage_in_bytes
echo 0 > a/memory.memsw.max_usage_in_bytes
[ $(cat a/memory.max_usage_in_bytes) -lt $M ] && echo "max_usage < 1M after a reset once idle"
[ $(cat a/memory.memsw.max_usage_in_bytes) -lt $M ] && echo "memsw max_usage < 1M after a reset once idle"
