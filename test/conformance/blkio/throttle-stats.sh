# the statistics list every device the cgroup has a blkg on, even after a failed or removed limit
cd /sys/fs/cgroup/blkio/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
w "253:0 abc" a/blkio.throttle.read_bps_device
cat a/blkio.throttle.io_service_bytes
w "254:0 100" a/blkio.throttle.read_iops_device
w "254:0 0" a/blkio.throttle.read_iops_device
for f in io_service_bytes io_serviced io_service_bytes_recursive io_serviced_recursive; do echo "== $f"; cat a/blkio.throttle.$f; done
echo "== bfq"; cat a/blkio.bfq.io_service_bytes a/blkio.bfq.io_serviced_recursive
