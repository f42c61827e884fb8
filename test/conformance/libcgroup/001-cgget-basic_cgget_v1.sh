# ftest 001: cgget -n -v -r reads back the cpu.shares value cgset wrote to a new v1 cpu cgroup
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g cpu:$P/001cgget
t cgset -r cpu.shares=512 $P/001cgget
t cgget -n -v -r cpu.shares $P/001cgget
echo "file: $(cat /sys/fs/cgroup/cpu/$P/001cgget/cpu.shares)"
t cgdelete -g cpu:$P/001cgget
[ -d /sys/fs/cgroup/cpu/$P/001cgget ] && echo "001cgget still there" || echo "001cgget removed"
