# a process that leaves a threaded cgroup and comes back after its thread root changed (the parent turned threaded too) is listed by the new thread root's cgroup.procs
U=/sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p $U/a/b/c
echo threaded > $U/a/b/c/cgroup.type
sleep 1000 & p=$!; echo "@pid p $p"
echo $p > $U/a/b/c/cgroup.procs
echo "b: $(cat $U/a/b/cgroup.type), procs [$(cat $U/a/b/cgroup.procs)]"
echo $p > $U/cgroup.procs
echo threaded > $U/a/b/cgroup.type
echo "a: $(cat $U/a/cgroup.type), b: $(cat $U/a/b/cgroup.type), c: $(cat $U/a/b/c/cgroup.type)"
echo $p > $U/a/b/c/cgroup.procs
echo "a procs [$(cat $U/a/cgroup.procs)], c threads [$(cat $U/a/b/c/cgroup.threads)]"
grep '^0::' /proc/$p/cgroup | sed "s|$CGKIT_PREFIX|PREFIX|"
kill $p; wait
