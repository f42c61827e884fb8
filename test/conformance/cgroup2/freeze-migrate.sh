# moving a task into a frozen cgroup freezes it, moving it out to a thawed one thaws it; each cgroup's frozen follows (test_cgfreezer_migrate)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir A B
sh -c 'while :; do sleep 0.01; done' & p=$!
echo "@pid loop $p"
echo $p > A/cgroup.procs
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; }
st() { echo "$1: A=$(cat A/cgroup.freeze)/$(grep frozen A/cgroup.events | cut -d' ' -f2) B=$(cat B/cgroup.freeze)/$(grep frozen B/cgroup.events | cut -d' ' -f2) in $(grep '^0::' /proc/$p/cgroup)"; }
st start
echo 1 > B/cgroup.freeze; fz B 1
st "B frozen"
echo $p > B/cgroup.procs; fz B 1
st "A -> frozen B"
echo $p > A/cgroup.procs; fz A 0; fz B 1
st "frozen B -> A"
echo 1 > A/cgroup.freeze; fz A 1
st "A frozen"
echo $p > B/cgroup.procs; fz B 1; fz A 1
st "frozen A -> frozen B"
echo 0 > B/cgroup.freeze; fz B 0
st "B thawed"
kill $p; wait $p 2>/dev/null; echo "wait=$?"
