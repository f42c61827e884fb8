# ftest 031: lscgroup -g cpuset:CGROUP lists the cgroup (with a trailing slash) and its descendants
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g cpuset:$P/031lscgroup
t cgcreate -g cpuset:$P/031lscgroup/childlscgroup
t cgcreate -g cpuset:$P/031lscgroup/childlscgroup/grandchildlscgroup
t lscgroup -g cpuset:$P/031lscgroup
t cgdelete -r -g cpuset:$P/031lscgroup
