# test_cgfreezer_time_parent: a child made in a frozen cgroup is frozen and counts frozen_usec from its creation (less than the parent's); after freezing the child and thawing the parent, the child's time overtakes the parent's
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
# ft CG: frozen_usec of cgroup.stat.local; tick: the time the selftest's own steps take (cgkit's clock moves only while something sleeps or runs)
ft() { sed -n "s/^frozen_usec //p" $1/cgroup.stat.local; }
tick() { sleep 0.001; }
gt() { [ "$1" -gt "$2" ] && echo yes || echo "no ($1 <= $2)"; }
eq() { [ "$1" -eq "$2" ] && echo yes || echo "no ($1 != $2)"; }
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; }
mkdir parent
echo 1 > parent/cgroup.freeze; fz parent 1
sleep 0.001
mkdir parent/child
tick
echo "child: freeze=$(cat parent/child/cgroup.freeze) $(grep frozen parent/child/cgroup.events)"
pt=$(ft parent); ct=$(ft parent/child)
echo "parent's time more than the child's: $(gt $pt $ct)"
echo "child's time above 0: $(gt $ct 0)"
echo 1 > parent/child/cgroup.freeze
echo 0 > parent/cgroup.freeze; fz parent 0
echo "parent: $(grep frozen parent/cgroup.events), child: freeze=$(cat parent/child/cgroup.freeze) $(grep frozen parent/child/cgroup.events)"
sleep 0.1
ct=$(ft parent/child); pt=$(ft parent)
echo "0.1 s later, the child's time more than the parent's: $(gt $ct $pt)"
