# a limit on a grandchild creates blkgs in its ancestors; limits are not inherited
cd /sys/fs/cgroup/blkio/$CGKIT_PREFIX
mkdir -p a/b
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
w "254:0 1000" a/b/blkio.throttle.read_bps_device
echo "== a"; cat a/blkio.throttle.read_bps_device; cat a/blkio.throttle.io_serviced
echo "== b"; cat a/b/blkio.throttle.read_bps_device; cat a/b/blkio.throttle.io_serviced
w "253:0 5" a/blkio.throttle.write_bps_device
mkdir a/c
echo "== c"; cat a/c/blkio.throttle.write_bps_device a/c/blkio.throttle.io_serviced
echo "== a"; cat a/blkio.throttle.io_serviced_recursive
rmdir a/b
echo "== a after rmdir b"; cat a/blkio.throttle.io_serviced
