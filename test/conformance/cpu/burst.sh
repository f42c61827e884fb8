# cpu.cfs_burst_us: at most the quota, any value while unlimited, then bounding later quotas
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- '$1' ok: $(cat $2)"; else echo "$2 <- '$1' ${e##*: }: $(cat $2)"; fi; }
cd /sys/fs/cgroup/cpu/$CGKIT_PREFIX
mkdir a
for v in 0 1000 5000000 -1 abc 18446744073709551 18446744073709552; do w "$v" a/cpu.cfs_burst_us; done
w 4000 a/cpu.cfs_quota_us
w 6000 a/cpu.cfs_quota_us
w 5000 a/cpu.cfs_burst_us
w 7000 a/cpu.cfs_burst_us
w 6000 a/cpu.cfs_burst_us
w 5000 a/cpu.cfs_quota_us
w 17592186044415 a/cpu.cfs_quota_us
w 0 a/cpu.cfs_burst_us
w 17592186044415 a/cpu.cfs_quota_us
w 1 a/cpu.cfs_burst_us
w -1 a/cpu.cfs_quota_us
w 1 a/cpu.cfs_burst_us
