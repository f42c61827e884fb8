# cgroup.events populated is 1 in a cgroup and every ancestor while a task lives below, 0 elsewhere and after it leaves (test_cgcore_populated)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p a/b/c a/b/d
show() { for g in a a/b a/b/c a/b/d; do echo "$1 $g: $(grep populated $g/cgroup.events)"; done; }
show empty
echo $$ > a/b/c/cgroup.procs
show "shell in c"
echo $$ > cgroup.procs
show "shell back"
sleep 1000 & p=$!
echo "@pid sleeper $p"
echo $p > a/b/d/cgroup.procs
show "sleeper in d"
kill $p; wait $p 2>/dev/null; echo "wait=$?"
show "sleeper reaped"
