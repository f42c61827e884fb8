# /sys/devices/system/cpu and node: the online, possible, present and offline lists, kernel_max, per-CPU online files (none for cpu0) and node masks
cd /sys/devices/system/cpu
for f in online possible present offline kernel_max; do echo "$f: [$(cat $f)] $(stat -c '%A %U %s' $f)"; done
stat -c '%A %U %s %n' cpu1/online
cat cpu1/online
ls cpu0/online 2>&1 | sed 's/.*: //'
cd ../node
for f in online possible has_cpu has_memory node0/cpulist node0/cpumap; do echo "$f: [$(cat $f)] $(stat -c '%A %U %s' $f)"; done
stat -c '%A %U %n' /sys /sys/devices /sys/devices/system/cpu /sys/devices/system/cpu/cpu1 /sys/fs /sys/devices/system/node/node0
grep -c ' /sys sysfs ' /proc/self/mounts
