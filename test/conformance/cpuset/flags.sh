# the v1 flag files are u64s: any non-zero number sets the flag; signs, blanks, junk and an empty write are EINVAL, past 64 bits ERANGE
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
for f in mem_hardwall memory_migrate memory_spread_page memory_spread_slab sched_load_balance; do
	for v in 1 2 0 0x1 010 18446744073709551615 -1 +1 abc " 1" "1 " "" 18446744073709551616 0; do w "$v" a/cpuset.$f; echo "  -> [$(cat a/cpuset.$f)]"; done
done
