# ftest 023: cgset --copy-from SRC DST copies the v1 memory settings of one cgroup to another
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g memory:$P/023cgsetsrc
t cgcreate -g memory:$P/023cgsetdst
t cgset -r memory.limit_in_bytes=122880 -r memory.soft_limit_in_bytes=40960 -r memory.swappiness=42 $P/023cgsetsrc
t cgset --copy-from $P/023cgsetsrc $P/023cgsetdst
for s in memory.limit_in_bytes memory.soft_limit_in_bytes memory.swappiness; do
	t cgget -n -v -r $s $P/023cgsetdst
done
t cgdelete -g memory:$P/023cgsetsrc
t cgdelete -g memory:$P/023cgsetdst
