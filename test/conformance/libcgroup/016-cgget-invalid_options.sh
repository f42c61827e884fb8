# ftest 016: cgget's errors, messages and exit codes for bad option combinations, unknown settings, no arguments; -h
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g cpu:$P/016cgget
t cgget -g cpu
t cgget -g cpu:$P/016cgget $P/016cgget
t cgget -n -v -r invalidsetting $P/016cgget
t cgget -n -v -r invalid.setting $P/016cgget
t cgget -n -v -r cpu.invalid $P/016cgget
t cgget
t cgget -h
t cgdelete -g cpu:$P/016cgget
