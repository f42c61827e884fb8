# test_cgfreezer_vfork, adapted: a shell cannot keep a vfork() child from exec'ing, so the parent here is blocked in wait() for its child instead of in vfork(); freezing the two-process cgroup completes
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir cg
sh -c 'echo $$ > cg/cgroup.procs; sleep 1000; echo not reached' & p=$!
i=0; until [ "$(wc -l < cg/cgroup.procs)" -ge 2 ] || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
echo "procs: $(wc -l < cg/cgroup.procs)"
sleep 0.1
echo "parent state: $(cut -d' ' -f2,3 /proc/$p/stat)"
echo 1 > cg/cgroup.freeze
i=0; until grep -q "frozen 1" cg/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
echo "cg: freeze=$(cat cg/cgroup.freeze) $(grep frozen cg/cgroup.events)"
echo "parent state: $(cut -d' ' -f2,3 /proc/$p/stat)"
echo 1 > cg/cgroup.kill
i=0; until grep -q 'populated 0' cg/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
wait $p 2>/dev/null; echo "wait=$?"
echo "after cgroup.kill: $(grep populated cg/cgroup.events)"
