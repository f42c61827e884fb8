# test_cgcore_destroy: ten rounds of a cgroup holding a process that keeps memory (a 32M stress-ng vm worker; the selftest touches 100M) killed through cgroup.kill: once cgroup.procs reads empty, rmdir succeeds
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
for r in 1 2 3 4 5 6 7 8 9 10; do
	mkdir cg
	sh -c 'echo $$ > cg/cgroup.procs; exec stress-ng --vm 1 --vm-bytes 32M --vm-keep --timeout 60 -q' & p=$!
	i=0; until [ -n "$(cat cg/cgroup.procs)" ] || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
	entered=$([ -n "$(cat cg/cgroup.procs)" ] && echo yes || echo no)
	sleep 0.1
	echo 1 > cg/cgroup.kill
	i=0; while [ -n "$(cat cg/cgroup.procs)" ] && [ $i -lt 200 ]; do i=$((i+1)); sleep 0.01; done
	empty=$([ -n "$(cat cg/cgroup.procs)" ] && echo no || echo yes)
	if e=$(rmdir cg 2>&1); then rm=ok; else rm="${e##*: }"; fi
	wait $p 2>/dev/null; st=$?
	echo "round $r: entered=$entered procs empty=$empty rmdir -> $rm, wait=$st"
	if [ -d cg ]; then echo 1 > cg/cgroup.kill; sleep 0.5; rmdir cg; fi
done
