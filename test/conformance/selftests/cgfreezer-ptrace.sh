# test_cgfreezer_ptrace: a frozen process can be seized and interrupted with ptrace: the cgroup stays frozen while the task is in a trace stop and after the detach
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir cg
sleep 1000 & p=$!
echo $p > cg/cgroup.procs
echo 1 > cg/cgroup.freeze
i=0; until grep -q "frozen 1" cg/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
echo "cg: $(grep frozen cg/cgroup.events)"
cat > $CGKIT_TMP/show <<EOF
echo "\$1: \$(grep frozen cg/cgroup.events), state \$(cut -d' ' -f3 /proc/$p/stat)"
EOF
$CGKIT_HELPERS/ptrace-steps $p seize interrupt wait "!sh $CGKIT_TMP/show traced" getsiginfo detach "!sleep 0.1; sh $CGKIT_TMP/show detached"
echo 0 > cg/cgroup.freeze
i=0; until grep -q "frozen 0" cg/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
sh $CGKIT_TMP/show thawed
kill $p; wait $p 2>/dev/null; echo "wait=$?"
