# ftest 002: cgdelete -r removes a v1 cpuset tree whose grandchild holds a process, which moves to the tree's parent
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
C=/sys/fs/cgroup/cpuset/$P
t cgcreate -g cpuset:$P/002cgdelete
t cgcreate -g cpuset:$P/002cgdelete/childcg
t cgcreate -g cpuset:$P/002cgdelete/childcg/grandchildcg
sleep 1000 &
p=$!
echo "@pid sleeper $p"
# a v1 cpuset without cpus and mems takes no task
t cgclassify -g cpuset:$P/002cgdelete/childcg/grandchildcg $p
for g in 002cgdelete 002cgdelete/childcg 002cgdelete/childcg/grandchildcg; do
	t cgset -r cpuset.cpus=0 -r cpuset.mems=0 $P/$g
done
t cgclassify -g cpuset:$P/002cgdelete/childcg/grandchildcg $p
grep cpuset /proc/$p/cgroup
t cgdelete -r -g cpuset:$P/002cgdelete
grep cpuset /proc/$p/cgroup
[ -d $C/002cgdelete ] && echo "002cgdelete still there" || echo "002cgdelete removed"
echo "in $P/tasks: $(grep -x $p $C/tasks)"
