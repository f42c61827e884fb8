# test_cgcore_proc_migration: writing a process with 13 more threads to cgroup.procs moves all 14 threads together
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir src dst
echo $$ > src/cgroup.procs
$CGKIT_HELPERS/threads 13 & p=$!
echo "@pid threads $p"
echo $$ > cgroup.procs
i=0; until [ "$(ls /proc/$p/task 2>/dev/null | wc -l)" -ge 14 ] || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
echo "threads of the process: $(ls /proc/$p/task 2>/dev/null | wc -l)"
echo "src: procs [$(cat src/cgroup.procs)] threads $(wc -l < src/cgroup.threads)"
echo $p > dst/cgroup.procs && echo "moved"
echo "src: procs [$(cat src/cgroup.procs)] threads $(wc -l < src/cgroup.threads)"
echo "dst: procs [$(cat dst/cgroup.procs)] threads $(wc -l < dst/cgroup.threads)"
n=0; for t in $(ls /proc/$p/task 2>/dev/null); do grep -q '^0::.*/dst$' /proc/$p/task/$t/cgroup && n=$((n+1)); done
echo "threads whose cgroup is dst: $n"
echo "comm of the threads: $(cat /proc/$p/task/*/comm | sort -u)"
kill $p; wait $p 2>/dev/null; echo "wait=$?"
