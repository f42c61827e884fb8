# ftest 025: cgset -r with two cgroups writes the setting in both
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g memory:$P/025cgset1
t cgcreate -g memory:$P/025cgset2
t cgset -r memory.swappiness=42 $P/025cgset1 $P/025cgset2
t cgget -n -v -r memory.swappiness $P/025cgset1
t cgget -n -v -r memory.swappiness $P/025cgset2
t cgdelete -g memory:$P/025cgset1
t cgdelete -g memory:$P/025cgset2
