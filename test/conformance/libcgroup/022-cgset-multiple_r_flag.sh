# ftest 022: cgset with three -r flags writes three v1 memory settings of one cgroup
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g memory:$P/022cgset
t cgset -r memory.limit_in_bytes=1024000 -r memory.soft_limit_in_bytes=512000 -r memory.swappiness=55 $P/022cgset
for s in memory.limit_in_bytes memory.soft_limit_in_bytes memory.swappiness; do
	t cgget -n -v -r $s $P/022cgset
done
t cgdelete -g memory:$P/022cgset
