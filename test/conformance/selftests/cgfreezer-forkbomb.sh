# test_cgfreezer_forkbomb (small: a process tree of at most 31 processes that grows for about 0.2 s instead of an unbounded fork bomb): frozen 0.1 s in, it stops growing; cgroup.kill then empties the frozen cgroup
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir bomb
sh -c 'echo $$ > bomb/cgroup.procs; b() { sleep 0.05; if [ $1 -gt 0 ]; then b $(($1-1)) & b $(($1-1)) & fi; exec sleep 1000; }; b 4' & p=$!
sleep 0.1
echo 1 > bomb/cgroup.freeze
i=0; until grep -q "frozen 1" bomb/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
echo "bomb: $(grep frozen bomb/cgroup.events)"
n1=$(wc -l < bomb/cgroup.procs)
sleep 0.3
n2=$(wc -l < bomb/cgroup.procs)
echo "process count unchanged while frozen: $([ $n1 -eq $n2 ] && echo yes || echo "no ($n1 -> $n2)")"
echo "fewer than a full tree (31 processes): $([ $n1 -lt 31 ] && echo yes || echo "no ($n1)")"
echo 1 > bomb/cgroup.kill
i=0; until grep -q 'populated 0' bomb/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
echo "after cgroup.kill: procs $(wc -l < bomb/cgroup.procs), $(grep populated bomb/cgroup.events)"
wait $p 2>/dev/null; echo "wait=$?"
rmdir bomb && echo "rmdir ok"
