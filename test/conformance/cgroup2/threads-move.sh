# cgroup.threads moves a thread only within its resource domain: into threaded children of its thread root, EOPNOTSUPP across domains (test_cgcore_thread_migration)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p dom/t1 dom/t2 other
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w threaded dom/t1/cgroup.type
w threaded dom/t2/cgroup.type
sleep 1000 & s=$!
echo "@pid sleeper $s"
w $s dom/t1/cgroup.threads
w $s dom/cgroup.threads
w $s dom/cgroup.procs
w $s dom/t1/cgroup.threads
echo "0:: $(grep '^0::' /proc/$s/cgroup)"
w $s dom/t2/cgroup.threads
echo "0:: $(grep '^0::' /proc/$s/cgroup)"
echo "dom procs [$(cat dom/cgroup.procs)] threads [$(cat dom/cgroup.threads)]"
echo "t2 procs [$(cat dom/t2/cgroup.procs)] threads [$(cat dom/t2/cgroup.threads)]"
w $s other/cgroup.threads
w $s cgroup.threads
w $s dom/t1/cgroup.procs
echo "0:: $(grep '^0::' /proc/$s/cgroup)"
w $s other/cgroup.procs
echo "0:: $(grep '^0::' /proc/$s/cgroup)"
w abc dom/t1/cgroup.threads
w 99999999 dom/t1/cgroup.threads
