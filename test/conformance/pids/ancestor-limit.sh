# a parent's limit stops forks in its children; v1 pids.events counts in the cgroup that forked
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir -p a/b a/c
echo 2 > a/pids.max
sleep 1000 & p=$!
echo $p > a/c/cgroup.procs
sh -c 'echo $$ > a/b/cgroup.procs
/bin/true
echo not reached'
echo "rc=$?"
for c in a a/b a/c; do echo "$c: max=$(cat $c/pids.max) current=$(cat $c/pids.current) peak=$(cat $c/pids.peak) events=[$(cat $c/pids.events)]"; done
echo max > a/pids.max
sh -c 'echo $$ > a/b/cgroup.procs; /bin/echo "now ok: $(cat a/pids.current)"'
for c in a a/b a/c; do echo "$c: current=$(cat $c/pids.current) peak=$(cat $c/pids.peak) events=[$(cat $c/pids.events)]"; done
