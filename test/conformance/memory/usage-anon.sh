# a process holding 20M of anonymous memory is charged to its cgroup: usage, max_usage, memsw usage, rss and anon LRU pages move; freeing it uncharges
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
M=1048576
sh -c 'echo $$ > a/cgroup.procs; exec stress-ng --vm 1 --vm-bytes 20M --vm-keep -t 60 -q' > /dev/null 2>&1 &
p=$!
for i in $(seq 100); do [ $(cat a/memory.usage_in_bytes) -ge $((20*M)) ] && break; sleep 0.1; done
sleep 0.5
u=$(cat a/memory.usage_in_bytes)
st() { grep "^$1 " a/memory.stat | cut -d' ' -f2; }
[ $u -ge $((20*M)) ] && [ $u -le $((28*M)) ] && echo "usage 20M..28M"
[ $(cat a/memory.max_usage_in_bytes) -ge $u ] && echo "max_usage >= usage"
[ $(cat a/memory.memsw.usage_in_bytes) -eq $u ] && echo "memsw usage == usage (no swap)"
[ $(st rss) -ge $((20*M)) ] && echo "rss >= 20M"
[ $(( $(st active_anon) + $(st inactive_anon) )) -ge $((20*M)) ] && echo "anon LRU >= 20M"
[ $(st total_rss) -eq $(st rss) ] && echo "total_rss == rss"
[ $(st pgfault) -gt 0 ] && echo "pgfault > 0"
[ $(st pgpgin) -gt 0 ] && echo "pgpgin > 0 (one per charged folio)"
anon=$(grep '^anon=' a/memory.numa_stat | cut -d' ' -f1); [ ${anon#anon=} -ge 5120 ] && echo "numa_stat anon pages >= 5120"
echo "failcnt $(cat a/memory.failcnt) swap $(st swap)"
[ $(cat memory.usage_in_bytes) -ge $((20*M)) ] && echo "sandbox usage >= 20M too"
echo "tasks: $(cat a/tasks | wc -l)"
kill $p; wait $p; echo "stress-ng rc=$?"
for i in $(seq 50); do [ $(cat a/memory.usage_in_bytes) -lt $M ] && break; sleep 0.1; done
[ $(cat a/memory.usage_in_bytes) -lt $M ] && echo "after exit: usage < 1M"
[ $(st rss) -lt $M ] && echo "after exit: rss < 1M"
[ $(cat a/memory.max_usage_in_bytes) -ge $((20*M)) ] && echo "max_usage still >= 20M"
