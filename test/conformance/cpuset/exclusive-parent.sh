# a child may be cpu_exclusive or mem_exclusive only if its parent is (EACCES), and the parent cannot drop the flag while a child has it (EBUSY)
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a a/b
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
r() { for f in "$@"; do echo "$f: [$(cat $f)]"; done; }
w 1 cpuset.cpu_exclusive
w 1 cpuset.mem_exclusive
for f in cpu_exclusive mem_exclusive; do
	w 1 a/b/cpuset.$f
	w 1 a/cpuset.$f
	w 1 a/b/cpuset.$f
	w 0 a/cpuset.$f
	w 0 a/b/cpuset.$f
	w 0 a/cpuset.$f
	w 1 a/b/cpuset.$f
done
r a/cpuset.cpu_exclusive a/b/cpuset.cpu_exclusive
