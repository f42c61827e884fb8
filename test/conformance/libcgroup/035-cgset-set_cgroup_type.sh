# ftest 035 (on the controller-less cgroup2 hierarchy): cgset -r cgroup.type=threaded turns a domain cgroup threaded, as cgget then reads
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
t cgcreate -g :$P/035cgset
t cgget -n -v -r cgroup.type $P/035cgset
t cgset -r cgroup.type=threaded $P/035cgset
t cgget -n -v -r cgroup.type $P/035cgset
echo "file: $(cat $U/035cgset/cgroup.type)"
t cgdelete -g :$P/035cgset
umount $CGKIT_TMP/u2 && echo unmounted
