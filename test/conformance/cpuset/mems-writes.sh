# cpuset.mems: nodes are parsed against MAX_NUMNODES (1024): a node that does not exist is EINVAL, past 1023 ERANGE
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
for v in 0 "" " 0 " all N 1 0-1 2 1023 1024 4294967296 abc 0:1/1 0-0:1/1 0; do w "$v" a/cpuset.mems; echo "  -> [$(cat a/cpuset.mems)]"; done
