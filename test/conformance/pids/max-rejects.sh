# pids.max refuses negative, too large, garbage and empty values and keeps its value
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir a
echo 42 > a/pids.max
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2)]"; else echo "'$1' -> ${e##*: } [$(cat $2)]"; fi; }
for v in -1 -0x1 4194305 99999999999 99999999999999999999 abc "" MAX Max "1 2" 5k 0x 1.5 "max max" 08; do w "$v" a/pids.max; done
printf '' > a/pids.max 2>/dev/null; echo "empty write: $(cat a/pids.max)"
