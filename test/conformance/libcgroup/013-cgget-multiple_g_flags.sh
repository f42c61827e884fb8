# ftest 013: cgget -g pids -g cpu prints both controllers' settings of a cgroup made in each
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g pids:$P/013cgget
t cgcreate -g cpu:$P/013cgget
t cgget -g pids -g cpu $P/013cgget
t cgdelete -g pids:$P/013cgget
t cgdelete -g cpu:$P/013cgget
