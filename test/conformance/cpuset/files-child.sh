# a new v1 cpuset has every cpuset.* file with the kernel's modes; cpus, mems and the effective masks are empty, the flags 0 but sched_load_balance, relax level -1
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a
cd a
stat -c '%A %n' cpuset.* | sort -k2
for f in cpuset.*; do echo "$f: [$(cat $f)]"; done
ls cpuset.memory_pressure_enabled 2>&1 | sed 's/.*: //'
od -c cpuset.cpus
