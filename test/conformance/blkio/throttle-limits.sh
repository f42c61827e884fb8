# throttle limits: one line per device with a limit, newest device first; 0 removes a limit
cd /sys/fs/cgroup/blkio/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
w "254:0 1048576" a/blkio.throttle.read_bps_device
cat a/blkio.throttle.read_bps_device
w "253:0 2048" a/blkio.throttle.read_bps_device
w "7:1 4096" a/blkio.throttle.read_bps_device
cat a/blkio.throttle.read_bps_device
w "253:0 4096" a/blkio.throttle.read_bps_device
cat a/blkio.throttle.read_bps_device
w "254:0 0" a/blkio.throttle.read_bps_device
echo "== after removing 254:0"
cat a/blkio.throttle.read_bps_device
w "254:0 10" a/blkio.throttle.write_bps_device
w "254:0 20" a/blkio.throttle.read_iops_device
w "253:0 30" a/blkio.throttle.write_iops_device
for f in read_bps_device write_bps_device read_iops_device write_iops_device; do echo "== $f"; cat a/blkio.throttle.$f; done
