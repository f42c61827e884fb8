# ftest 004: cgsnapshot of the v1 memory controller prints a new cgroup's writable settings as a cgconfig group
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
: > $CGKIT_TMP/deny
t cgcreate -g memory:$P/004cgsnapshot
# the ftest expects memory.memsw.* in the snapshot when this file exists
t cgget -r memory.memsw.failcnt $P/004cgsnapshot
cgsnapshot -b $CGKIT_TMP/deny memory >$CGKIT_TMP/snap 2>$CGKIT_TMP/err
echo "cgsnapshot exit $?"
# the header, then only this group: the mount section and the other
# cgroups of the hierarchy are the host's
sed -n 1p $CGKIT_TMP/snap
sed -n "/^group $P\/004cgsnapshot {/,/^}/p" $CGKIT_TMP/snap | sed 's/$/$/'
echo "stderr, one of each line:"
sort -u $CGKIT_TMP/err | sed 's/^/2> /; s/$/$/'
t cgdelete -g memory:$P/004cgsnapshot
