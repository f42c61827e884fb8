# ftest 033: cgget CGROUP without flags prints the cgroup's name and all its settings
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g cpuset:$P/033cgget
t cgget $P/033cgget
t cgdelete -g cpuset:$P/033cgget
