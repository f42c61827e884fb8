# freezing an ancestor freezes the whole subtree: descendants report frozen 1 while their own cgroup.freeze stays 0; thawing the ancestor leaves self-frozen children frozen (test_cgfreezer_tree)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p A/B/C A/B/D A/E/F/G/H A/I A/K
sh -c 'while :; do sleep 0.01; done' & echo $! > A/B/C/cgroup.procs
sh -c 'while :; do sleep 0.01; done' & echo $! > A/E/F/G/H/cgroup.procs
for i in 1 2 3; do sh -c 'while :; do sleep 0.01; done' & echo $! > A/K/cgroup.procs; done
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; }
show() { echo "$1:"; for g in A A/B A/B/C A/B/D A/E A/E/F A/E/F/G/H A/I A/K; do echo "  $g freeze=$(cat $g/cgroup.freeze) $(grep frozen $g/cgroup.events)"; done; }
echo 1 > A/B/cgroup.freeze; fz A/B 1
echo 1 > A/E/F/cgroup.freeze; fz A/E/F 1
echo 1 > A/E/F/G/cgroup.freeze; fz A/E/F/G 1
show "B F G frozen"
echo 1 > A/cgroup.freeze; fz A 1
show "A frozen"
echo 0 > A/B/cgroup.freeze
echo 0 > A/E/F/cgroup.freeze
echo 0 > A/E/F/G/cgroup.freeze
show "children thawed under frozen A"
echo 1 > A/B/cgroup.freeze
echo 0 > A/cgroup.freeze; fz A/K 0; fz A/E/F/G/H 0; fz A 0
show "A thawed, B still frozen"
echo 0 > A/B/cgroup.freeze; fz A/B 0
show "all thawed"
