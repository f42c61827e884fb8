# move_charge_at_immigrate only accepts 0 (moving charges is gone); other values, flags included, are EINVAL
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2)]"; else echo "'$1' -> ${e##*: } [$(cat $2)]"; fi; }
for v in 0 1 2 3 4 5 7 -1 abc "" " 1 " 0x3 00 +0; do w "$v" a/memory.move_charge_at_immigrate; done
