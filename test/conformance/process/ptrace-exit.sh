# a traced process that dies is its tracer's to collect first (a zombie its parent cannot reap yet), then goes back to its parent; a tracer that exits without collecting hands it back at once
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir cg
sleep 1000 & p=$!
echo $p > cg/cgroup.procs
st="!echo \"state \$(cut -d' ' -f3 /proc/$p/stat), procs [\$(cat cg/cgroup.procs)], \$(grep populated cg/cgroup.events)\""
$CGKIT_HELPERS/ptrace-steps $p seize kill "!sleep 0.1" "$st" wait "$st"
wait $p; echo "wait=$?"
sleep 1000 & q=$!
$CGKIT_HELPERS/ptrace-steps $q seize interrupt wait "!kill -9 $q; sleep 0.1; cut -d' ' -f3 /proc/$q/stat"
echo "after the tracer: $(cut -d' ' -f3 /proc/$q/stat)"
wait $q; echo "wait=$?"
