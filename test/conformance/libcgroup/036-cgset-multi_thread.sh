# ftest 036 (on the controller-less cgroup2 hierarchy): cgset -r cgroup.threads=TID moves one thread of a process into a threaded child cgroup
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
# libcgroup takes the last cgroup2 line of /proc/mounts as the cgroup v2
# mount point (the real host's sandbox bind-mounts the prefix cgroup, which
# would be that line): mount the hierarchy once more so that both hosts use
# its root; the "cgroup" pseudo-controller stays at the first line, the
# ordinary /sys/fs/cgroup/unified
mkdir $CGKIT_TMP/u2
mount -t cgroup2 none $CGKIT_TMP/u2 && echo mounted
U=/sys/fs/cgroup/unified/$P
t cgcreate -g :$P/036threaded
t cgcreate -g :$P/036threaded/childcg
t cgset -r cgroup.type=threaded $P/036threaded/childcg
t cgget -n -v -r cgroup.type $P/036threaded/childcg
$CGKIT_HELPERS/threads 3 &
p=$!
echo "@pid threads $p"
for i in $(seq 50); do [ $(ls /proc/$p/task | wc -l) -eq 4 ] && break; sleep 0.1; done
t cgclassify -g :$P/036threaded $p
t cgget -n -v -r cgroup.threads $P/036threaded
# the ftest takes the second tid of that value
tid=$(cgget -n -v -r cgroup.threads $P/036threaded | sed -n 2p | tr -d '\t')
t cgset -r cgroup.threads=$tid $P/036threaded/childcg
t cgget -n -v -r cgroup.threads $P/036threaded/childcg
t cgget -n -v -r cgroup.threads -r cgroup.procs -r cgroup.type $P/036threaded
kill $p
wait $p 2>/dev/null
t cgdelete -r -g :$P/036threaded
umount $CGKIT_TMP/u2 && echo unmounted
