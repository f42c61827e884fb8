# a shell that freezes its own cgroup stops; it goes on (and its child sees THAWED) after a thaw from outside
cd /sys/fs/cgroup/freezer/$CGKIT_PREFIX
mkdir a
sh -c 'echo $$ > a/cgroup.procs; echo FROZEN > a/freezer.state; echo "inside: $(cat a/freezer.state)"' & s=$!
sleep 0.3
echo "outside: $(cat a/freezer.state) $(grep State /proc/$s/status | cut -f2)"
echo THAWED > a/freezer.state
wait $s; echo "wait=$?"
