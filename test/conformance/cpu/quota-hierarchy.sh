# CFS quotas along the hierarchy: a child's quota/period ratio may not exceed its nearest limited ancestor's
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- '$1' ok: $(cat $2)"; else echo "$2 <- '$1' ${e##*: }: $(cat $2)"; fi; }
cd /sys/fs/cgroup/cpu/$CGKIT_PREFIX
mkdir a a/b a/b/c a/d
echo 100000 > a/cpu.cfs_period_us
w 50000 a/cpu.cfs_quota_us
w 80000 a/b/cpu.cfs_quota_us
w 50000 a/b/cpu.cfs_quota_us
w 40000 a/b/cpu.cfs_quota_us
w 60000 a/b/c/cpu.cfs_quota_us
w 45000 a/b/c/cpu.cfs_quota_us
w 20000 a/cpu.cfs_quota_us
w 20000 a/b/cpu.cfs_period_us
w 50000 a/b/cpu.cfs_period_us
w 200000 a/b/cpu.cfs_period_us
w 40000 a/d/cpu.cfs_quota_us
w -1 a/b/cpu.cfs_quota_us
w 60000 a/b/c/cpu.cfs_quota_us
w 40000 a/b/c/cpu.cfs_quota_us
w -1 a/cpu.cfs_quota_us
w 90000 a/b/c/cpu.cfs_quota_us
mkdir a/e
cat a/e/cpu.cfs_quota_us a/e/cpu.cfs_period_us
