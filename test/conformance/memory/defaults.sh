# a new memory cgroup's files: unlimited limits, zero counters, swappiness 60, use_hierarchy 1; write-only and pressure_level reads fail
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
for f in limit_in_bytes soft_limit_in_bytes memsw.limit_in_bytes kmem.limit_in_bytes kmem.tcp.limit_in_bytes \
	usage_in_bytes max_usage_in_bytes failcnt memsw.usage_in_bytes memsw.max_usage_in_bytes memsw.failcnt \
	kmem.usage_in_bytes kmem.max_usage_in_bytes kmem.failcnt kmem.tcp.usage_in_bytes kmem.tcp.max_usage_in_bytes kmem.tcp.failcnt \
	swappiness use_hierarchy move_charge_at_immigrate; do
	echo "$f=[$(cat a/memory.$f)]"
done
echo "oom_control:"; cat a/memory.oom_control
echo "kmem.slabinfo=[$(cat a/memory.kmem.slabinfo)] rc=$?"
for f in memory.force_empty memory.pressure_level cgroup.event_control; do
	e=$(cat a/$f 2>&1); echo "$f read: rc=$? ${e##*: }"
done
