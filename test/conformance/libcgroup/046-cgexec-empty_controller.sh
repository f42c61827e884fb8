# ftest 046 (on the controller-less cgroup2 hierarchy): cgclassify and cgexec -g :CGROUP move a process into a cgroup made with no controller
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
t cgcreate -g :$P/046cgexec
sleep 1000 &
p=$!
echo "@pid sleeper $p"
t cgclassify -g :$P/046cgexec $p
t cgget -n -r cgroup.procs $P/046cgexec
grep '^0::' /proc/$p/cgroup
t cgexec -g :$P/046cgexec sh -c 'grep "^0::" /proc/self/cgroup'
kill $p
wait $p 2>/dev/null
t cgdelete -g :$P/046cgexec
umount $CGKIT_TMP/u2 && echo unmounted
