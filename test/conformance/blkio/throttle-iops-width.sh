# iops limits are 32-bit: larger values are truncated, UINT_MAX means no limit
cd /sys/fs/cgroup/blkio/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
f=a/blkio.throttle.write_iops_device
for v in "254:0 4294967294" "254:0 4294967295" "254:0 4294967296" "254:0 4294967297" "254:0 -1"; do w "$v" $f; cat $f; done
