# ftest 011: cgget -r with two cgroups prints the setting under each cgroup's name
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g memory:$P/011cgget1
t cgcreate -g memory:$P/011cgget2
t cgset -r memory.limit_in_bytes=2048000 $P/011cgget1
t cgset -r memory.limit_in_bytes=2048000 $P/011cgget2
t cgget -r memory.limit_in_bytes $P/011cgget1 $P/011cgget2
t cgdelete -g memory:$P/011cgget1
t cgdelete -g memory:$P/011cgget2
