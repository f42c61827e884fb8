# ftest 014: cgget -a prints the settings of every controller the cgroup exists in (memory and cpuset)
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g memory:$P/014cgget
t cgcreate -g cpuset:$P/014cgget
t cgget -a $P/014cgget
t cgdelete -g memory:$P/014cgget
t cgdelete -g cpuset:$P/014cgget
