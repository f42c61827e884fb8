# ftest 003 (on v1 cpuset, no v2 cpuset here): cgget -n -v -r reads back the cpuset.mems value cgset wrote
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g cpuset:$P/003cgget
t cgget -n -v -r cpuset.mems $P/003cgget
t cgset -r cpuset.mems=0 $P/003cgget
t cgget -n -v -r cpuset.mems $P/003cgget
echo "file: $(cat /sys/fs/cgroup/cpuset/$P/003cgget/cpuset.mems)"
t cgdelete -g cpuset:$P/003cgget
