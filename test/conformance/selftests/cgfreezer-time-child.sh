# test_cgfreezer_time_child: freezing only the child counts frozen_usec for the child; the parent's stays 0
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
# ft CG: frozen_usec of cgroup.stat.local; tick: the time the selftest's own steps take (cgkit's clock moves only while something sleeps or runs)
ft() { sed -n "s/^frozen_usec //p" $1/cgroup.stat.local; }
tick() { sleep 0.001; }
gt() { [ "$1" -gt "$2" ] && echo yes || echo "no ($1 <= $2)"; }
eq() { [ "$1" -eq "$2" ] && echo yes || echo "no ($1 != $2)"; }
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; }
mkdir -p parent/child
echo 1 > parent/child/cgroup.freeze; fz parent/child 1
tick
ct=$(ft parent/child); pt=$(ft parent)
echo "parent: $(grep frozen parent/cgroup.events) frozen_usec $pt"
echo "child: $(grep frozen parent/child/cgroup.events), more than the parent's: $(gt $ct $pt)"
