# writing a 10M file in /tmp (a disk file system) charges page cache to the writer's cgroup; a lower limit reclaims it without failing
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
M=1048576
sh -c "echo \$\$ > a/cgroup.procs; exec head -c 10485760 /dev/zero > $CGKIT_TMP/f"
st() { grep "^$1 " a/memory.stat | cut -d' ' -f2; }
u=$(cat a/memory.usage_in_bytes)
[ $u -ge $((10*M)) ] && [ $u -le $((12*M)) ] && echo "usage 10M..12M"
echo "cache $(st cache) rss $(st rss) shmem $(st shmem) mapped_file $(st mapped_file)"
# pages reach the LRU lists in per-CPU batches: the LRU may lag the cache count by a few pages
l=$(( $(st inactive_file) + $(st active_file) )); [ $l -le $(st cache) ] && [ $l -ge $((9*M)) ] && echo "file LRU 9M..cache"
n=$(grep '^file=' a/memory.numa_stat | cut -d' ' -f1); n=${n#file=}
[ $n -ge 2304 ] && [ $n -le 2560 ] && echo "numa_stat file pages 2304..2560"
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- $1 -> ok"; else echo "$2 <- $1 -> ${e##*: }"; fi; }
w 2M a/memory.limit_in_bytes
[ $(cat a/memory.usage_in_bytes) -le $((2*M)) ] && echo "usage <= 2M"
[ $(st cache) -lt $((2*M)) ] && echo "cache < 2M"
echo "failcnt $(cat a/memory.failcnt)"
w 0 a/memory.force_empty
[ $(st cache) -eq 0 ] && echo "cache 0 after force_empty"
[ $(cat a/memory.usage_in_bytes) -lt $M ] && echo "usage < 1M"
