# memsw.limit_in_bytes parses like limit_in_bytes but must stay at or above the memory limit: smaller values are EINVAL
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2)]"; else echo "'$1' -> ${e##*: } [$(cat $2)]"; fi; }
echo "memory limit unlimited:"
for v in 0 1G 8E 9223372036854775807 18446744073709551615 -1; do w "$v" a/memory.memsw.limit_in_bytes; done
echo 4096 > a/memory.limit_in_bytes
echo "memory limit 4096:"
for v in -1 0 1 4095 4096 4097 8191 1k 4k 1m 1M 1g 1t 1p 1e 1x " 8192 " "+8192" -2 "-1 " max \
	18446744073709551616 99999999999999999999999 0x1000 010 16E 7E "" "1 2" abc 1.5M 1kb 12288; do
	w "$v" a/memory.memsw.limit_in_bytes
done
