# ftest 010: cgget -n -g cpu:CGROUP prints every cpu setting of a new v1 cpu cgroup without the name header
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g cpu:$P/010cgget
t cgget -n -g cpu:$P/010cgget
t cgdelete -g cpu:$P/010cgget
