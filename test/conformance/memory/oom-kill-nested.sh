# an OOM caused by a parent's limit is counted in the victim's cgroup (oom_kill) and in the parent's failcnt, not the other way round
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir -p a/b
echo 50M > a/memory.limit_in_bytes
sh -c 'echo $$ > a/b/cgroup.procs; exec stress-ng --vm 1 --vm-bytes 100M --vm-keep --oomable -t 20' > /dev/null 2>&1
echo "stress-ng rc=$?"
for g in a a/b; do
	echo "$g: $(cat $g/memory.oom_control | tr '\n' ' ')"
	[ $(cat $g/memory.failcnt) -gt 0 ] && echo "$g: failcnt > 0" || echo "$g: failcnt 0"
done
echo "a max_usage $(cat a/memory.max_usage_in_bytes)"
[ $(cat a/b/memory.max_usage_in_bytes) -ge $((50*1048576)) ] && echo "b max_usage >= 50M"
echo "b hierarchical: $(grep '^hierarchical_memory_limit' a/b/memory.stat)"
