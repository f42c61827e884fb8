# limit_in_bytes takes -1, bytes with k/m/g/t/p/e suffixes (any base), rounded down to pages and capped; garbage is EINVAL and keeps the value
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2)]"; else echo "'$1' -> ${e##*: } [$(cat $2)]"; fi; }
for v in -1 0 1 4095 4096 4097 8191 1k 1K 4k 1m 1M 1g 1G 1t 1T 1p 1P 1e 1E 1x 10Z " 8192 " "+8192" -2 "-1 " max MAX \
	9223372036854771712 9223372036854775807 9223372036854775808 18446744073709551615 18446744073709551616 \
	99999999999999999999999 0x1000 010 16E 8E 7E "" "1 2" abc 1.5M 1kb 1KB 12288; do
	w "$v" a/memory.limit_in_bytes
done
printf '' > a/memory.limit_in_bytes; echo "empty write: [$(cat a/memory.limit_in_bytes)]"
