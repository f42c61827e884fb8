# kmem.limit_in_bytes accepts any value limit_in_bytes would and ignores it (it always reads unlimited); garbage is still EINVAL
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2)]"; else echo "'$1' -> ${e##*: } [$(cat $2)]"; fi; }
for v in 0 4096 1M -1 1G 16E "" " 8192 " "+8192" -2 max abc 1.5M "1 2"; do
	w "$v" a/memory.kmem.limit_in_bytes
done
echo 4096 > a/memory.limit_in_bytes
w 0 a/memory.kmem.limit_in_bytes
