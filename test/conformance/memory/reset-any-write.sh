# failcnt and max_usage_in_bytes files (memory, memsw, kmem, kmem.tcp) take any write; usage and stat files refuse writes with EINVAL
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok [$(cat $2)]"; else echo "$2 <- [$1] ${e##*: }"; fi; }
for f in failcnt max_usage_in_bytes memsw.failcnt memsw.max_usage_in_bytes kmem.failcnt kmem.max_usage_in_bytes kmem.tcp.failcnt kmem.tcp.max_usage_in_bytes; do
	for v in 0 1 -1 abc ""; do w "$v" a/memory.$f; done
done
for f in usage_in_bytes memsw.usage_in_bytes kmem.usage_in_bytes kmem.tcp.usage_in_bytes stat numa_stat kmem.slabinfo pressure_level; do
	for v in 0 x; do w "$v" a/memory.$f; done
done
