# a child's cpus and mems must stay within its parent's (EACCES), and a parent cannot drop what a child uses (EBUSY)
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a a/b
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
r() { for f in "$@"; do echo "$f: [$(cat $f)]"; done; }
w 1 a/b/cpuset.cpus
w 0 a/b/cpuset.mems
w 1 a/cpuset.cpus
w 0 a/cpuset.mems
w 1 a/b/cpuset.cpus
w 0-1 a/b/cpuset.cpus
w 0 a/b/cpuset.mems
w 0 a/b/cpuset.cpus
w 1 a/cpuset.cpus
w "" a/cpuset.cpus
w "" a/cpuset.mems
w 0-1 a/cpuset.cpus
w 1 a/b/cpuset.cpus
w 0 a/cpuset.cpus
w 1 a/cpuset.cpus
r a/cpuset.cpus a/cpuset.mems a/b/cpuset.cpus a/b/cpuset.mems
w "" a/b/cpuset.cpus
w "" a/b/cpuset.mems
w 0 a/cpuset.cpus
w "" a/cpuset.mems
r a/cpuset.cpus a/cpuset.mems a/b/cpuset.cpus a/b/cpuset.mems
