# test_cgfreezer_time_empty: an empty cgroup's frozen_usec (cgroup.stat.local) starts at 0, counts while cgroup.freeze is 1 (at least 1000 after 1 ms), and stops at the thaw
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
# ft CG: frozen_usec of cgroup.stat.local; tick: the time the selftest's own steps take (cgkit's clock moves only while something sleeps or runs)
ft() { sed -n "s/^frozen_usec //p" $1/cgroup.stat.local; }
tick() { sleep 0.001; }
gt() { [ "$1" -gt "$2" ] && echo yes || echo "no ($1 <= $2)"; }
eq() { [ "$1" -eq "$2" ] && echo yes || echo "no ($1 != $2)"; }
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; }
mkdir cg
t=$(ft cg); echo "new: frozen_usec $t"
echo 1 > cg/cgroup.freeze
sleep 0.001
p=$t; t=$(ft cg); echo "frozen 1 ms: at least 1000: $([ $t -ge 1000 ] && echo yes || echo "no ($t)")"
tick
echo 0 > cg/cgroup.freeze
p=$t; t=$(ft cg); echo "thawed: more than before: $(gt $t $p)"
tick
p=$t; t=$(ft cg); echo "read again: unchanged: $(eq $t $p)"
