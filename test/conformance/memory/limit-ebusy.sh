# with no swap, lowering limit_in_bytes below anonymous usage fails with EBUSY and keeps the old limit; failcnt is not touched
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
M=1048576
sh -c 'echo $$ > a/cgroup.procs; exec stress-ng --vm 1 --vm-bytes 20M --vm-keep -t 60 -q' > /dev/null 2>&1 &
p=$!
for i in $(seq 100); do [ $(cat a/memory.usage_in_bytes) -ge $((20*M)) ] && break; sleep 0.1; done
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- $1 -> ok [$(cat $2 2>/dev/null)]"; else echo "$2 <- $1 -> ${e##*: } [$(cat $2 2>/dev/null)]"; fi; }
w 100M a/memory.limit_in_bytes
w 10M a/memory.limit_in_bytes
w 0 a/memory.limit_in_bytes
w 64M a/memory.limit_in_bytes
w 100M a/memory.memsw.limit_in_bytes
w 10M a/memory.memsw.limit_in_bytes
w 10M a/memory.kmem.limit_in_bytes
echo "failcnt $(cat a/memory.failcnt) $(cat a/memory.memsw.failcnt)"
[ $(cat a/memory.usage_in_bytes) -ge $((20*M)) ] && echo "usage still >= 20M"
w 1 a/memory.force_empty
[ $(cat a/memory.usage_in_bytes) -ge $((20*M)) ] && echo "usage after force_empty still >= 20M"
kill $p; wait $p
w 10M a/memory.limit_in_bytes
