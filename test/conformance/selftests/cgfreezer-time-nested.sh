# test_cgfreezer_time_nested: freezing C, B, A of A/B/C in that order and thawing A, B, C leaves frozen_usec C > B > A (each counts only while its own cgroup.freeze holds it frozen)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
# ft CG: frozen_usec of cgroup.stat.local; tick: the time the selftest's own steps take (cgkit's clock moves only while something sleeps or runs)
ft() { sed -n "s/^frozen_usec //p" $1/cgroup.stat.local; }
tick() { sleep 0.001; }
gt() { [ "$1" -gt "$2" ] && echo yes || echo "no ($1 <= $2)"; }
eq() { [ "$1" -eq "$2" ] && echo yes || echo "no ($1 != $2)"; }
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; }
mkdir -p A/B/C
echo 1 > A/B/C/cgroup.freeze; tick
echo 1 > A/B/cgroup.freeze; tick
echo 1 > A/cgroup.freeze
sleep 0.001
echo 0 > A/cgroup.freeze; tick
echo 0 > A/B/cgroup.freeze; tick
echo 0 > A/B/C/cgroup.freeze
c=$(ft A/B/C); b=$(ft A/B); a=$(ft A)
echo "C more than B: $(gt $c $b)"
echo "B more than A: $(gt $b $a)"
echo "events: A $(grep frozen A/cgroup.events), B $(grep frozen A/B/cgroup.events), C $(grep frozen A/B/C/cgroup.events)"
