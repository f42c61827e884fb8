# test_cgfreezer_time_migrate: a frozen cgroup's frozen_usec keeps counting after its process moves to a running cgroup, whose frozen_usec stays 0
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
# ft CG: frozen_usec of cgroup.stat.local; tick: the time the selftest's own steps take (cgkit's clock moves only while something sleeps or runs)
ft() { sed -n "s/^frozen_usec //p" $1/cgroup.stat.local; }
tick() { sleep 0.001; }
gt() { [ "$1" -gt "$2" ] && echo yes || echo "no ($1 <= $2)"; }
eq() { [ "$1" -eq "$2" ] && echo yes || echo "no ($1 != $2)"; }
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; }
mkdir A B
sleep 1000 & c=$!
echo "@pid child $c"
echo $c > A/cgroup.procs
a=$(ft A); b=$(ft B); echo "start: A $a, B $b"
echo 1 > A/cgroup.freeze; fz A 1
tick
p=$a; a=$(ft A); echo "A frozen ($(grep frozen A/cgroup.events)): more than before: $(gt $a $p)"
echo $c > B/cgroup.procs
sleep 0.001
b=$(ft B); echo "moved to B (B $(grep frozen B/cgroup.events)): B frozen_usec $b"
p=$a; a=$(ft A); echo "A ($(grep frozen A/cgroup.events), $(grep populated A/cgroup.events)): more than before: $(gt $a $p)"
echo "process: $(grep '^0::' /proc/$c/cgroup), state $(cut -d' ' -f3 /proc/$c/stat)"
kill $c; wait $c 2>/dev/null; echo "wait=$?"
