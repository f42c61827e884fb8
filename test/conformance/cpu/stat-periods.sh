# setting a quota starts the period timer: two idle periods are counted, then it stops
cd /sys/fs/cgroup/cpu/$CGKIT_PREFIX
mkdir a
echo 100000 > a/cpu.cfs_period_us
echo 20000 > a/cpu.cfs_quota_us
sleep 0.5
cat a/cpu.stat a/cpu.stat.local
echo -1 > a/cpu.cfs_quota_us
cat a/cpu.stat
