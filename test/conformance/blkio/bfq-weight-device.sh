# blkio.bfq.weight_device: "W" or "default W" set the default weight; a device needs bfq as its scheduler
cd /sys/fs/cgroup/blkio/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
f=a/blkio.bfq.weight_device
for v in "default 250" "300" " 350 " "default  400" "default 0" "default 1001" "0" "default" "" "abc" "-5" "254:0 300" "253:0 default" "7:0 0" "254:1 300" "254:0" "999:0 5"; do w "$v" $f; cat $f; done
cat a/blkio.bfq.weight
cat a/blkio.throttle.io_serviced
