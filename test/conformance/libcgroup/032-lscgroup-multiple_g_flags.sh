# ftest 032: lscgroup with two -g flags lists both trees one after the other; lscgroup -h prints its help
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g cpuset:$P/032lscgroup
t cgcreate -g cpuset:$P/032lscgroup/childlscgroup
t cgcreate -g cpuset:$P/032lscgroup/childlscgroup/grandchildlscgroup
t cgcreate -g cpuset:$P/032sibling
t cgcreate -g cpuset:$P/032sibling/cousinlscgroup
t lscgroup -g cpuset:$P/032lscgroup -g cpuset:$P/032sibling
t lscgroup -h
t cgdelete -r -g cpuset:$P/032lscgroup
t cgdelete -r -g cpuset:$P/032sibling
