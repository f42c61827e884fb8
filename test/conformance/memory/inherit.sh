# a new cgroup copies its parent's swappiness and oom_kill_disable (later parent changes do not follow) but no limit
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
echo 100M > a/memory.limit_in_bytes
echo 200M > a/memory.memsw.limit_in_bytes
echo 50M > a/memory.soft_limit_in_bytes
echo 1M > a/memory.kmem.tcp.limit_in_bytes
echo 30 > a/memory.swappiness
echo 1 > a/memory.oom_control
mkdir a/b
for f in limit_in_bytes memsw.limit_in_bytes soft_limit_in_bytes kmem.tcp.limit_in_bytes kmem.limit_in_bytes swappiness move_charge_at_immigrate use_hierarchy; do
	echo "b $f=$(cat a/b/memory.$f)"
done
cat a/b/memory.oom_control
echo 40 > a/memory.swappiness
echo 0 > a/memory.oom_control
echo "after parent changes: b swappiness=$(cat a/b/memory.swappiness) $(head -n1 a/b/memory.oom_control)"
mkdir a/c
echo "new sibling c: swappiness=$(cat a/c/memory.swappiness) $(head -n1 a/c/memory.oom_control)"
echo "sandbox: swappiness=$(cat memory.swappiness) $(head -n1 memory.oom_control) limit=$(cat memory.limit_in_bytes)"
