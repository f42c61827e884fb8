# the rules hold through a tree: a grandchild is checked against its own parent only, and a move between cpusets re-applies the destination's CPUs
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a a/b a/b/c d
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
for x in a a/b; do echo 0-1 > $x/cpuset.cpus; echo 0 > $x/cpuset.mems; done
w 1 a/b/c/cpuset.cpus
w 0 a/b/c/cpuset.mems
w 0 a/b/cpuset.cpus
w 1 a/b/cpuset.cpus
w 0 a/cpuset.cpus
w 1 a/cpuset.cpus
echo 0 > d/cpuset.cpus
echo 0 > d/cpuset.mems
sleep 100 &
p=$!
echo "@pid sleeper $p"
for x in a/b/c d a a/b/c; do echo $p > $x/tasks; echo "$x: $(cat /proc/$p/cpuset) $(grep Cpus_allowed_list /proc/$p/status)"; done
rmdir a/b/c 2>&1 | sed 's/.*: //'
echo $p > tasks
rmdir a/b/c
r() { for f in "$@"; do echo "$f: [$(cat $f)]"; done; }
r a/cpuset.cpus a/b/cpuset.cpus
