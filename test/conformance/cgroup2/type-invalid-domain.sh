# below a threaded cgroup a domain child is "domain invalid": moving a process in is EOPNOTSUPP until it is made threaded (test_cgcore_invalid_domain)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p g/p/c
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w threaded g/p/cgroup.type
for x in g g/p g/p/c; do echo "$x: $(cat $x/cgroup.type)"; done
sleep 1000 & s=$!
echo "@pid sleeper $s"
w $s g/p/c/cgroup.procs
w $s g/p/c/cgroup.threads
mkdir g/p/c/d
echo "new g/p/c/d: $(cat g/p/c/d/cgroup.type)"
w threaded g/p/c/d/cgroup.type
w threaded g/p/c/cgroup.type
for x in g g/p g/p/c g/p/c/d; do echo "$x: $(cat $x/cgroup.type)"; done
w $s g/p/c/d/cgroup.procs
w threaded g/p/c/d/cgroup.type
for x in g/p/c g/p/c/d; do echo "$x: $(cat $x/cgroup.type)"; done
w $s g/p/c/d/cgroup.procs
echo "0:: $(grep '^0::' /proc/$s/cgroup)"
echo "g procs [$(cat g/cgroup.procs)] threads [$(cat g/cgroup.threads)]"
