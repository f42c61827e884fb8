# test_cgfreezer_time_populate (10 + 10 processes instead of 100 + 100): frozen_usec stays 0 while the cgroup fills, keeps counting while frozen as more processes arrive, stops at the thaw, is kept when the processes are killed, and grows again for a freeze and thaw
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
# ft CG: frozen_usec of cgroup.stat.local; tick: the time the selftest's own steps take (cgkit's clock moves only while something sleeps or runs)
ft() { sed -n "s/^frozen_usec //p" $1/cgroup.stat.local; }
tick() { sleep 0.001; }
gt() { [ "$1" -gt "$2" ] && echo yes || echo "no ($1 <= $2)"; }
eq() { [ "$1" -eq "$2" ] && echo yes || echo "no ($1 != $2)"; }
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; }
mkdir cg
t=$(ft cg); echo "new: frozen_usec $t"
for i in 1 2 3 4 5 6 7 8 9 10; do sleep 1000 & echo $! > cg/cgroup.procs; done
p=$t; t=$(ft cg); echo "10 processes: unchanged: $(eq $t $p)"
tick
p=$t; t=$(ft cg); echo "procs $(wc -l < cg/cgroup.procs): unchanged: $(eq $t $p)"
echo 1 > cg/cgroup.freeze
tick
p=$t; t=$(ft cg); echo "frozen: more than before: $(gt $t $p)"
for i in 1 2 3 4 5 6 7 8 9 10; do sleep 1000 & echo $! > cg/cgroup.procs; done
tick
p=$t; t=$(ft cg); echo "10 more processes: more than before: $(gt $t $p)"
fz cg 1
tick
p=$t; t=$(ft cg); echo "procs $(wc -l < cg/cgroup.procs), $(grep frozen cg/cgroup.events): more than before: $(gt $t $p)"
tick
echo 0 > cg/cgroup.freeze
p=$t; t=$(ft cg); echo "thawed: more than before: $(gt $t $p)"
echo 1 > cg/cgroup.kill
i=0; until grep -q 'populated 0' cg/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
p=$t; t=$(ft cg); echo "killed, $(grep populated cg/cgroup.events): unchanged: $(eq $t $p)"
echo 1 > cg/cgroup.freeze
tick
echo 0 > cg/cgroup.freeze
p=$t; t=$(ft cg); echo "frozen and thawed again: more than before: $(gt $t $p)"
