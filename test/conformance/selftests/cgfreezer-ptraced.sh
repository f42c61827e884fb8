# test_cgfreezer_ptraced: a cgroup whose process sits in a ptrace stop is not frozen until cgroup.freeze 1, then freezes and thaws while the process stays traced
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir cg
sleep 1000 & p=$!
echo $p > cg/cgroup.procs
cat > $CGKIT_TMP/show <<EOF
echo "\$1: \$(grep frozen cg/cgroup.events), state \$(cut -d' ' -f3 /proc/$p/stat)"
EOF
cat > $CGKIT_TMP/freeze <<EOF
echo \$1 > cg/cgroup.freeze
i=0; until grep -q "frozen \$1" cg/cgroup.events || [ \$i -ge 40 ]; do i=\$((i+1)); sleep 0.05; done
sh $CGKIT_TMP/show "cgroup.freeze \$1"
EOF
$CGKIT_HELPERS/ptrace-steps $p seize interrupt wait "!sh $CGKIT_TMP/show traced" "!sh $CGKIT_TMP/freeze 1" "!sh $CGKIT_TMP/freeze 0" getsiginfo detach "!sleep 0.1; sh $CGKIT_TMP/show detached"
echo "cg: $(grep frozen cg/cgroup.events)"
kill $p; wait $p 2>/dev/null; echo "wait=$?"
