# ftest 043 (on the controller-less cgroup2 hierarchy): cgcreate -g :CGROUP makes a cgroup with no controller; cgget reads its cgroup.procs
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
t cgcreate -g :$P/043cgcreate
[ -d $U/043cgcreate ] && echo "043cgcreate exists" || echo "no 043cgcreate"
t cgget -r cgroup.procs $P/043cgcreate
t cgget -r cgroup.type -r cgroup.controllers $P/043cgcreate
t cgdelete -g :$P/043cgcreate
[ -d $U/043cgcreate ] && echo "043cgcreate exists" || echo "no 043cgcreate"
umount $CGKIT_TMP/u2 && echo unmounted
