# throttle limit writes: MAJ:MIN and a decimal number; ENODEV for devices that are not disks
cd /sys/fs/cgroup/blkio/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
f=a/blkio.throttle.read_bps_device
for v in "254:1 100" "1:0 100" "999:0 100" "254:0" "254:0 abc" "254:0 -1" "254:0 max" "254 100" "vda 100" "" ":0 100" "254:0:1 100"; do w "$v" $f; done
echo "== nothing set"; cat $f
for v in "254:0 100 200" " 254:0 300" "254:0   400" "254: 0 500"; do w "$v" $f; cat $f; done
w "254:0 0x10" $f; echo "== 0x10 reads as 0"; cat $f
w "254:0 18446744073709551615" $f; cat $f
w "254:0 18446744073709551616" $f; cat $f
w "254:0 18446744073709551614" $f; cat $f
