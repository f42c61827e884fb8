# ftest 015: cgget -r memory.stat prints the multi-line value with its continuation lines tab-indented
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g memory:$P/015cgget
t cgget -r memory.stat $P/015cgget
t cgdelete -g memory:$P/015cgget
