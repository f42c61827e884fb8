# the tightest limit on the path wins: a child may set a higher max than its parent
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir -p a/b/c
echo 3 > a/pids.max
echo 100 > a/b/pids.max
echo "maxes: $(cat a/pids.max) $(cat a/b/pids.max) $(cat a/b/c/pids.max)"
sh -c 'echo $$ > a/b/c/cgroup.procs
/bin/echo "one ok"
sleep 1000 & sleep 1000 &
read a < a/pids.current; read b < a/b/pids.current; read c < a/b/c/pids.current
echo "current: a=$a b=$b c=$c"
/bin/true
echo not reached'
echo "rc=$?"
for c in a a/b a/b/c; do echo "$c: current=$(cat $c/pids.current) peak=$(cat $c/pids.peak) events=[$(cat $c/pids.events)]"; done
