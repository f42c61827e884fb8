# the root cpuset: cpus and mems are every online CPU and node, both exclusive flags set, and memory_pressure_enabled exists only there
cd /sys/fs/cgroup/cpuset
stat -c '%A %n' cpuset.* | sort -k2
for f in cpuset.*; do echo "$f: [$(cat $f)]"; done
