# swappiness takes 0..200 in any base (with a leading +), anything else is EINVAL (ERANGE past 64 bits) and keeps the value
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2)]"; else echo "'$1' -> ${e##*: } [$(cat $2)]"; fi; }
for v in 0 1 100 101 200 201 1000 -1 abc "" " 5 " +5 0x10 010 60 "1 2" 5k 18446744073709551615 18446744073709551616; do
	w "$v" a/memory.swappiness
done
printf 7 > a/memory.swappiness; echo "no newline: [$(cat a/memory.swappiness)]"
