# a 10M file written under a 2M limit succeeds: page cache is reclaimed at the limit (failcnt counts), no OOM
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
echo 2M > a/memory.limit_in_bytes
sh -c "echo \$\$ > a/cgroup.procs; exec head -c 10485760 /dev/zero > $CGKIT_TMP/f"
echo "rc=$? size=$(wc -c < $CGKIT_TMP/f)"
[ $(cat a/memory.usage_in_bytes) -le 2097152 ] && echo "usage <= 2M"
[ $(cat a/memory.max_usage_in_bytes) -eq 2097152 ] && echo "max_usage == limit"
[ $(cat a/memory.failcnt) -gt 0 ] && echo "failcnt > 0"
cat a/memory.oom_control
