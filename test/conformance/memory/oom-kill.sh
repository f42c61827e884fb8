# at its limit with no swap a cgroup's OOM killer kills the biggest process (stress-ng's vm child); failcnt, oom_kill and max_usage (= limit) show it, the parent counts nothing
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
echo 50M > a/memory.limit_in_bytes
sh -c 'echo $$ > a/cgroup.procs; exec stress-ng --vm 1 --vm-bytes 100M --vm-keep --oomable -t 20' > $CGKIT_TMP/log 2>&1
echo "stress-ng rc=$?"
grep -c 'successful run completed' $CGKIT_TMP/log
cat a/memory.oom_control
[ $(cat a/memory.failcnt) -gt 0 ] && echo "failcnt > 0"
echo "max_usage_in_bytes $(cat a/memory.max_usage_in_bytes)"
echo "memsw.failcnt $(cat a/memory.memsw.failcnt)"
echo "tasks left: $(cat a/tasks | wc -l)"
[ $(cat a/memory.usage_in_bytes) -lt 1048576 ] && echo "usage < 1M"
echo "sandbox: $(grep oom_kill memory.oom_control | tr '\n' ' ') failcnt $(cat memory.failcnt)"
