# cgroup.freeze 1 freezes every task, running or sleeping (cgroup.events frozen 1 once they all stop), 0 thaws them (test_cgfreezer_simple)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a
sh -c 'while :; do :; done' & echo $! > a/cgroup.procs
for i in 1 2; do sleep 1000 & echo $! > a/cgroup.procs; done
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; echo "$1: freeze=$(cat $1/cgroup.freeze) $(grep frozen $1/cgroup.events)"; }
echo "procs: $(wc -l < a/cgroup.procs)"
fz a 0
echo 1 > a/cgroup.freeze
fz a 1
echo "procs still: $(wc -l < a/cgroup.procs) $(grep populated a/cgroup.events)"
echo 0 > a/cgroup.freeze
fz a 0
echo 1 > a/cgroup.kill
i=0; until grep -q 'populated 0' a/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
echo "after kill: $(grep populated a/cgroup.events)"
