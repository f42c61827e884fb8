# test_cgkill_forkbomb (small: a process tree of at most 31 processes that grows for about 0.2 s instead of an unbounded fork bomb): cgroup.kill 0.1 s in kills it while it is still forking; the cgroup ends unpopulated
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir bomb
sh -c 'echo $$ > bomb/cgroup.procs; b() { sleep 0.05; if [ $1 -gt 0 ]; then b $(($1-1)) & b $(($1-1)) & fi; exec sleep 1000; }; b 4' & p=$!
sleep 0.1
echo "populated while forking: $(grep populated bomb/cgroup.events)"
echo 1 > bomb/cgroup.kill
i=0; until grep -q 'populated 0' bomb/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
echo "after cgroup.kill: procs $(wc -l < bomb/cgroup.procs), $(grep populated bomb/cgroup.events)"
wait $p 2>/dev/null; echo "wait=$?"
sleep 0.3
echo "0.3 s later: procs $(wc -l < bomb/cgroup.procs), $(grep populated bomb/cgroup.events)"
rmdir bomb && echo "rmdir ok"
