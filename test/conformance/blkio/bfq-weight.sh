# blkio.bfq.weight: 1..1000 (ERANGE outside), base 0, shown in weight_device as the default; children start at 100
cd /sys/fs/cgroup/blkio/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
for v in 500 0 1 1000 1001 -1 abc " 5" "5 " 0x10 010 "" "default 200" 18446744073709551616; do w "$v" a/blkio.bfq.weight; cat a/blkio.bfq.weight; done
cat a/blkio.bfq.weight_device
mkdir a/b; cat a/b/blkio.bfq.weight a/b/blkio.bfq.weight_device
