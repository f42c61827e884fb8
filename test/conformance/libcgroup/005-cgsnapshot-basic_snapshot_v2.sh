# ftest 005 (on v1 cpuset, no v2 cpuset here): cgsnapshot of the cpuset controller prints a new cgroup's settings as a cgconfig group
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
: > $CGKIT_TMP/deny
t cgcreate -g cpuset:$P/005cgsnapshot
cgsnapshot -b $CGKIT_TMP/deny cpuset >$CGKIT_TMP/snap 2>$CGKIT_TMP/err
echo "cgsnapshot exit $?"
# the header, then only the cgroups of this scenario: the mount section and
# the other cgroups of the hierarchy are the host's
sed -n 1p $CGKIT_TMP/snap
sed -n "/^group $P {/,/^}/p; /^group $P\/005cgsnapshot {/,/^}/p" $CGKIT_TMP/snap | sed 's/$/$/'
echo "stderr, one of each line:"
sort -u $CGKIT_TMP/err | sed 's/^/2> /; s/$/$/'
t cgdelete -g cpuset:$P/005cgsnapshot
