# the memory limit may not exceed memsw.limit_in_bytes and memsw may not go below it: raise memsw first, lower the limit first
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- $1 -> ok"; else echo "$2 <- $1 -> ${e##*: }"; fi; }
show() { echo "  limit=$(cat a/memory.limit_in_bytes) memsw=$(cat a/memory.memsw.limit_in_bytes)"; }
w 100M a/memory.limit_in_bytes; show
w 200M a/memory.memsw.limit_in_bytes; show
w 300M a/memory.limit_in_bytes; show
w 200M a/memory.limit_in_bytes; show
w 150M a/memory.memsw.limit_in_bytes; show
w 100M a/memory.memsw.limit_in_bytes; show
w 300M a/memory.memsw.limit_in_bytes; show
w 250M a/memory.limit_in_bytes; show
w -1 a/memory.limit_in_bytes; show
w -1 a/memory.memsw.limit_in_bytes; show
w -1 a/memory.limit_in_bytes; show
w 0 a/memory.memsw.limit_in_bytes; show
grep hierarchical a/memory.stat
