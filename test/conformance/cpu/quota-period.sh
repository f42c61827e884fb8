# cpu.cfs_quota_us and cpu.cfs_period_us: ranges, negative quotas meaning unlimited, overflow
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- '$1' ok: $(cat $2)"; else echo "$2 <- '$1' ${e##*: }: $(cat $2)"; fi; }
cd /sys/fs/cgroup/cpu/$CGKIT_PREFIX
mkdir a
for v in -1 0 999 1000 1001 -2 -9223372036854775808 100000 2000000 abc 9223372036854775807 18446744073709551615 17592186044415 17592186044416 " 5000" "5000 " 0x1000 ""; do w "$v" a/cpu.cfs_quota_us; done
w -1 a/cpu.cfs_quota_us
for v in 999 1000 1000000 1000001 0 -1 abc 50000 18446744073709551 18446744073709552 0x2000; do w "$v" a/cpu.cfs_period_us; done
