# a child made in a frozen cgroup is frozen (its own cgroup.freeze 0), a task moved into it freezes; removing a child leaves the parent frozen (test_cgfreezer_mkdir, test_cgfreezer_rmdir)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
# alive PID: it exists and is not a zombie
alive() { [ -e /proc/$1 ] && ! grep -q '^State:[[:space:]]*Z' /proc/$1/status 2>/dev/null; }
mkdir -p A/B
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; echo "$1: freeze=$(cat $1/cgroup.freeze) $(grep frozen $1/cgroup.events)"; }
echo 1 > A/cgroup.freeze
fz A 1
fz A/B 1
rmdir A/B
fz A 1
mkdir A/C
fz A/C 1
sh -c 'while :; do sleep 0.01; done' & p=$!
echo "@pid loop $p"
echo $p > A/C/cgroup.procs
fz A/C 1
fz A 1
echo "A/C: $(grep populated A/C/cgroup.events)"
rmdir A/C 2>/dev/null || echo "rmdir populated frozen A/C: busy"
echo 1 > A/C/cgroup.kill
i=0; until grep -q 'populated 0' A/C/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
i=0; while alive $p && [ $i -lt 40 ]; do i=$((i+1)); sleep 0.05; done
echo "gone after cgroup.kill: $(alive $p && echo n || echo y)"
kill -9 $p 2>/dev/null
wait $p 2>/dev/null; echo "killed while frozen: wait=$?"
rmdir A/C && echo "rmdir A/C ok"
fz A 1
rmdir A && echo "rmdir frozen A ok"
