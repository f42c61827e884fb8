# mem_exclusive siblings may not share nodes (EINVAL); with one node only one sibling at a time can have mems then
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
r() { for f in "$@"; do echo "$f: [$(cat $f)]"; done; }
w 1 cpuset.mem_exclusive
mkdir x y
w 0 x/cpuset.mems
w 0 y/cpuset.mems
w 1 x/cpuset.mem_exclusive
w "" y/cpuset.mems
w 1 x/cpuset.mem_exclusive
w 0 y/cpuset.mems
w 1 y/cpuset.mem_exclusive
r x/cpuset.mems y/cpuset.mems x/cpuset.mem_exclusive y/cpuset.mem_exclusive
w 1 x/cpuset.mem_hardwall
w 0 x/cpuset.mem_exclusive
w 0 y/cpuset.mems
w 0 cpuset.mem_exclusive
