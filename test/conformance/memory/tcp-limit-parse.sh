# kmem.tcp.limit_in_bytes parses like limit_in_bytes and keeps the value; usage, max_usage and failcnt stay 0
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2)]"; else echo "'$1' -> ${e##*: } [$(cat $2)]"; fi; }
for v in 0 4097 1M -1 2g " 8192 " "+8192" -2 max abc 99999999999999999999999 16E 010 ""; do
	w "$v" a/memory.kmem.tcp.limit_in_bytes
done
echo "$(cat a/memory.kmem.tcp.usage_in_bytes) $(cat a/memory.kmem.tcp.max_usage_in_bytes) $(cat a/memory.kmem.tcp.failcnt)"
