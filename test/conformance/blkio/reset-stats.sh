# blkio.reset_stats takes any number and cannot be read
cd /sys/fs/cgroup/blkio/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
for v in 0 1 18446744073709551615 18446744073709551616 -1 x ""; do w "$v" a/blkio.reset_stats; done
cat a/blkio.reset_stats
