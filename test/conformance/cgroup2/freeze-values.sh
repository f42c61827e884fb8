# cgroup.freeze accepts 0 and 1 (base 0, spaces stripped), other numbers ERANGE, garbage EINVAL; an empty cgroup is frozen at once
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] -> ok: freeze=$(cat $2) $(grep frozen a/cgroup.events)"; else echo "[$1] -> ${e##*: }"; fi; }
for v in 2 -1 abc "" 1x 0x1 " 0 " 01 00 1; do w "$v" a/cgroup.freeze; done
w 1 a/cgroup.freeze
w 0 a/cgroup.freeze
w 0 a/cgroup.freeze
