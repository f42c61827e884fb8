# cpu_exclusive siblings may not share CPUs (EINVAL), whichever side is exclusive and whichever file is written; empty cpus never overlap
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
r() { for f in "$@"; do echo "$f: [$(cat $f)]"; done; }
w 1 cpuset.cpu_exclusive
mkdir x y
w 0 x/cpuset.cpus
w 1 x/cpuset.cpu_exclusive
w 1 y/cpuset.cpu_exclusive
w 0 y/cpuset.cpus
w 0-1 y/cpuset.cpus
w 1 y/cpuset.cpus
w 0-1 y/cpuset.cpus
w 0-1 x/cpuset.cpus
w 0 x/cpuset.cpus
r x/cpuset.cpus y/cpuset.cpus x/cpuset.cpu_exclusive y/cpuset.cpu_exclusive
w 0 x/cpuset.cpu_exclusive
w 0 y/cpuset.cpus
w 1 x/cpuset.cpu_exclusive
w "" y/cpuset.cpus
w 1 x/cpuset.cpu_exclusive
w 1 y/cpuset.cpu_exclusive
w 1 y/cpuset.cpus
w 0 y/cpuset.cpus
r x/cpuset.cpus y/cpuset.cpus x/cpuset.cpu_exclusive y/cpuset.cpu_exclusive
mkdir z
w 0 z/cpuset.cpus
w 1 z/cpuset.cpus
w 0 cpuset.cpu_exclusive
w 0 x/cpuset.cpu_exclusive
w 0 y/cpuset.cpu_exclusive
w 0 cpuset.cpu_exclusive
