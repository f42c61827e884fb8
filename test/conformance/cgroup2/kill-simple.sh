# writing 1 to cgroup.kill SIGKILLs every process in the cgroup; populated drops to 0 (test_cgkill_simple)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
# alive PID: it exists and is not a zombie
alive() { [ -e /proc/$1 ] && ! grep -q '^State:[[:space:]]*Z' /proc/$1/status 2>/dev/null; }
mkdir a
sleep 1000 & p1=$!
sleep 1000 & p2=$!
sh -c 'trap "" TERM INT HUP; while :; do :; done' & p3=$!
echo $p1 > a/cgroup.procs; echo $p2 > a/cgroup.procs; echo $p3 > a/cgroup.procs
echo "procs: $(wc -l < a/cgroup.procs) $(grep populated a/cgroup.events)"
echo 1 > a/cgroup.kill
i=0; while alive $p1 || alive $p2 || alive $p3; do [ $i -ge 40 ] && break; i=$((i+1)); sleep 0.05; done
echo "gone after cgroup.kill: $(for p in $p1 $p2 $p3; do alive $p && printf n || printf y; done)"
kill -9 $p1 $p2 $p3 2>/dev/null
for p in $p1 $p2 $p3; do wait $p 2>/dev/null; echo "wait=$?"; done
i=0; until grep -q 'populated 0' a/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
echo "after: $(grep populated a/cgroup.events) procs=[$(cat a/cgroup.procs)]"
echo 1 > a/cgroup.kill && echo "kill of an empty cgroup ok"
rmdir a && echo "rmdir ok"
