# a new blkio cgroup's files: empty limits, statistics with only a total, weight 100, reset_stats write-only
cd /sys/fs/cgroup/blkio/$CGKIT_PREFIX
mkdir a
for f in a/blkio.*; do echo "== $f"; cat $f 2>&1 | sed 's/^cat: [^:]*: //'; done
