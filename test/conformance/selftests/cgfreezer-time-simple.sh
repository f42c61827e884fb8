# test_cgfreezer_time_simple: with one process in the cgroup, frozen_usec stays 0 until cgroup.freeze 1, counts while frozen (at least 1000 after 1 ms) and stops at the thaw
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
# ft CG: frozen_usec of cgroup.stat.local; tick: the time the selftest's own steps take (cgkit's clock moves only while something sleeps or runs)
ft() { sed -n "s/^frozen_usec //p" $1/cgroup.stat.local; }
tick() { sleep 0.001; }
gt() { [ "$1" -gt "$2" ] && echo yes || echo "no ($1 <= $2)"; }
eq() { [ "$1" -eq "$2" ] && echo yes || echo "no ($1 != $2)"; }
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; }
mkdir cg
t=$(ft cg); echo "new: frozen_usec $t"
sleep 1000 & c=$!
echo $c > cg/cgroup.procs
tick
p=$t; t=$(ft cg); echo "populated: not more than before: $([ $t -le $p ] && echo yes || echo "no ($t)")"
echo 1 > cg/cgroup.freeze
sleep 0.001
p=$t; t=$(ft cg); echo "frozen 1 ms: at least 1000: $([ $t -ge 1000 ] && echo yes || echo "no ($t)")"
tick
echo 0 > cg/cgroup.freeze
p=$t; t=$(ft cg); echo "thawed: more than before: $(gt $t $p)"
sleep 0.001
p=$t; t=$(ft cg); echo "1 ms later: unchanged: $(eq $t $p)"
kill $c; wait $c 2>/dev/null; echo "wait=$?"
