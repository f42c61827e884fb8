# use_hierarchy always reads 1: writing 1 is accepted, every other value is EINVAL
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2)]"; else echo "'$1' -> ${e##*: } [$(cat $2)]"; fi; }
for v in 1 0 2 -1 abc "" " 1 " 01 0x1 +1; do w "$v" a/memory.use_hierarchy; done
echo "sandbox: $(cat memory.use_hierarchy) root: $(cat ../memory.use_hierarchy)"
