# clone_children copies nothing while a sibling of the new cpuset is cpu_exclusive or mem_exclusive
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
r() { for f in "$@"; do echo "$f: [$(cat $f)]"; done; }
w 1 cpuset.cpu_exclusive
w 1 cgroup.clone_children
mkdir a
r a/cpuset.cpus a/cpuset.mems
w 1 a/cpuset.cpu_exclusive
mkdir b
r b/cpuset.cpus b/cpuset.mems
w 0 a/cpuset.cpu_exclusive
mkdir c
r c/cpuset.cpus c/cpuset.mems
w 0 cgroup.clone_children
w 0 cpuset.cpu_exclusive
