# devices.allow and devices.deny: malformed lines are EINVAL and change nothing
cd /sys/fs/cgroup/devices/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2 -> ok"; else echo "[$1] > $2 -> ${e##*: }"; fi; }
w a a/devices.deny
w 'c 1:3 rw' a/devices.allow
for f in a/devices.allow a/devices.deny; do
	for s in '' ' ' c 'c ' 'c 1' 'c 1:' 'c 1:3' 'c 1:3 ' 'c 1:3 x' 'c 1:3 R' 'c1:3 r' 'x 1:3 r' \
		'C 1:3 r' 'c 1;3 r' 'c :3 r' 'c 1: r' 'c -1:3 r' 'c +1:3 r' 'c 0x1:3 r' 'c 4294967296:1 r' \
		'c 1:4294967296 r' 'c 000000000001:1 r' 'c 1:000000000001 r' 'c 1:3  r' 'c  1:3 r' \
		'c **:3 r' 'c 1:3 r w' 'c 1:3:4 r' 'c 1.3 r'; do
		w "$s" $f
	done
done
cat a/devices.list
