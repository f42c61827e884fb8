# ftest 034: cgexec -g cpuset:CGROUP runs a command in the cgroup; cgexec -h prints its help
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
C=/sys/fs/cgroup/cpuset/$P
t cgcreate -g cpuset:$P/034cgexec
# a v1 cpuset without cpus and mems takes no task
t cgexec -g cpuset:$P/034cgexec true
t cgset -r cpuset.cpus=0 -r cpuset.mems=0 $P/034cgexec
cgexec -g cpuset:$P/034cgexec sleep 1000 &
p=$!
echo "@pid sleeper $p"
for i in $(seq 50); do grep -q 034cgexec /proc/$p/cgroup && break; sleep 0.1; done
grep cpuset /proc/$p/cgroup
echo "cgroup.procs: $(cat $C/034cgexec/cgroup.procs)"
t cgexec -g cpuset:$P/034cgexec sh -c 'grep cpuset /proc/self/cgroup'
t cgexec -g cpuset:$P/034cgexec -h
kill $p
wait $p 2>/dev/null
t cgdelete -g cpuset:$P/034cgexec
