# memory.shown_ram_in_bytes (this host kernel's own file, not upstream): 0 by default, whole pages in plain bytes, not inherited
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2)]"; else echo "'$1' -> ${e##*: } [$(cat $2)]"; fi; }
for v in 0 1 4096 4097 104857600 1M -1 abc "" max " 8192" +8192 0x2000 18446744073709551615; do w "$v" a/memory.shown_ram_in_bytes; done
mkdir a/b
echo "child: $(cat a/b/memory.shown_ram_in_bytes)"
echo "on the root: $(ls .. | grep -c shown_ram)"
