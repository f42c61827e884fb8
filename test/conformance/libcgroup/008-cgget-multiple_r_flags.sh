# ftest 008: cgget with two -r flags prints the cgroup name, then both v1 memory limits cgset wrote
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g memory:$P/008cgget
t cgset -r memory.limit_in_bytes=1048576 $P/008cgget
t cgset -r memory.soft_limit_in_bytes=1024000 $P/008cgget
t cgget -r memory.limit_in_bytes -r memory.soft_limit_in_bytes $P/008cgget
t cgdelete -g memory:$P/008cgget
