# ftest 027: cgset's errors, messages and exit codes for -r with --copy-from, no cgroup, no -r, no arguments, an empty value; -h
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g cpu:$P/027cgset1
t cgcreate -g cpu:$P/027cgset2
t cgset -r cpu.shares=100 --copy-from $P/027cgset2 $P/027cgset1
t cgset -r cpu.shares=100
t cgset $P/027cgset1
t cgset
t cgset -r cpu.shares= $P/027cgset1
t cgset -h
t cgget -n -v -r cpu.shares $P/027cgset1 $P/027cgset2
t cgdelete -g cpu:$P/027cgset1
t cgdelete -g cpu:$P/027cgset2
