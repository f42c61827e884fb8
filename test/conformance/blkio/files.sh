# a new blkio cgroup has the throttle and bfq files with their modes; the root lacks the bfq weights
cd /sys/fs/cgroup/blkio/$CGKIT_PREFIX
lsl() { ls -l "$1" | while read m a b c d e f g n; do [ -n "$n" ] && echo "$m $n"; done; }
mkdir a
lsl a | grep blkio
echo "== root"
ls /sys/fs/cgroup/blkio | grep blkio
