# the read-only files (effective_cpus, effective_mems, memory_pressure) refuse writes with EINVAL even for root; memory_pressure reads 0
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
w 0 a/cpuset.cpus
for f in effective_cpus effective_mems memory_pressure; do w 0 a/cpuset.$f; w 1 a/cpuset.$f; done
cat a/cpuset.memory_pressure cpuset.memory_pressure
