# ftest 026: cgset with three -r flags and two cgroups writes all three settings in both
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g memory:$P/026cgset1
t cgcreate -g memory:$P/026cgset2
t cgset -r memory.limit_in_bytes=2048000 -r memory.soft_limit_in_bytes=1024000 -r memory.swappiness=89 $P/026cgset1 $P/026cgset2
for s in memory.limit_in_bytes memory.soft_limit_in_bytes memory.swappiness; do
	for g in 026cgset1 026cgset2; do
		t cgget -n -v -r $s $P/$g
	done
done
t cgdelete -g memory:$P/026cgset1
t cgdelete -g memory:$P/026cgset2
