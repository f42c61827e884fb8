# ftest 998: cgdelete of a cgroup that does not exist, with and without -r, fails with No such file or directory
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgdelete -g cpu:$P/test
t cgdelete -r -g cpu:$P/test
