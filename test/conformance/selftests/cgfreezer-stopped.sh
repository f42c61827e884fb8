# test_cgfreezer_stopped: a cgroup whose only process is stopped (SIGSTOP) is not frozen until cgroup.freeze 1; it freezes and thaws, and the process stays stopped (state T) throughout
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir cg
fz() { i=0; until grep -q "frozen $2" $1/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done; }
st() { echo "$1: freeze=$(cat cg/cgroup.freeze) $(grep frozen cg/cgroup.events), process $(cut -d' ' -f2,3 /proc/$p/stat)"; }
sleep 1000 & p=$!
echo $p > cg/cgroup.procs
st running
kill -STOP $p
i=0; until [ "$(cut -d' ' -f3 /proc/$p/stat)" = T ] || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
sleep 0.1
st stopped
echo 1 > cg/cgroup.freeze; fz cg 1
st "stopped, frozen"
echo 0 > cg/cgroup.freeze; fz cg 0
st "stopped, thawed"
kill -CONT $p
i=0; until [ "$(cut -d' ' -f3 /proc/$p/stat)" = S ] || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
st continued
kill $p; wait $p 2>/dev/null; echo "wait=$?"
