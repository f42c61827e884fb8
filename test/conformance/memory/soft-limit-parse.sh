# soft_limit_in_bytes parses like limit_in_bytes and keeps what was written, also above the hard limit
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2)]"; else echo "'$1' -> ${e##*: } [$(cat $2)]"; fi; }
for v in 0 4097 1M -1 1G " 8192 " "+8192" -2 max abc 1.5M 18446744073709551616 0x2000 "" 5M; do
	w "$v" a/memory.soft_limit_in_bytes
done
echo 4M > a/memory.limit_in_bytes
w 8M a/memory.soft_limit_in_bytes
cat a/memory.limit_in_bytes
