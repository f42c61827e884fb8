# cgroup.kill on an ancestor kills the processes of every descendant and none outside it (test_cgkill_tree)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p A/B/C A/B/D A/E/F A/G out
for g in A/B/C A/B/D A/E/F A/E/F A/G A; do sleep 1000 & echo $! > $g/cgroup.procs; done
sleep 1000 & o=$!
echo "@pid outside $o"
echo $o > out/cgroup.procs
echo 1 > A/cgroup.kill
i=0; until grep -q 'populated 0' A/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
for g in A A/B A/B/C A/E/F A/G out; do echo "$g: $(grep populated $g/cgroup.events)"; done
echo "outside alive: $(kill -0 $o && echo yes)"
for g in A/B/C A/B/D A/E/F A/G; do rmdir $g; done
rmdir A/B A/E A && echo "tree removed"
