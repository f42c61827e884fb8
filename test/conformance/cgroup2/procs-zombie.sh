# a zombie stays listed in its cgroup2 until reaped, keeps the cgroup populated, and writing its pid elsewhere moves nothing
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a b
sh -c 'echo $$ > a/cgroup.procs; sleep 0.1 & echo $! > $CGKIT_TMP/zpid; exec sleep 1000' &
p=$!
echo "@pid parent $p"
while [ ! -s $CGKIT_TMP/zpid ]; do sleep 0.01; done
read z < $CGKIT_TMP/zpid
echo "@pid zombie $z"
until grep -q '^State:.Z' /proc/$z/status; do sleep 0.05; done
grep '^State' /proc/$z/status
echo "a procs:"; cat a/cgroup.procs
echo "a threads:"; cat a/cgroup.threads
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w $z b/cgroup.procs
echo "b procs:"; cat b/cgroup.procs
echo "b: $(grep populated b/cgroup.events)"
grep '^0::' /proc/$z/cgroup
echo $p > b/cgroup.procs
echo "a procs after parent left:"; cat a/cgroup.procs
echo "a: $(grep populated a/cgroup.events)"
kill $p; wait $p 2>/dev/null
i=0; until grep -q 'populated 0' a/cgroup.events || [ $i -ge 100 ]; do i=$((i+1)); sleep 0.05; done
echo "after reap a: $(grep populated a/cgroup.events) b: $(grep populated b/cgroup.events)"
