# ftest 012: cgget -v with two -r flags and two cgroups prints only the values, under each cgroup's name
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t cgcreate -g memory:$P/012cgget1
t cgcreate -g memory:$P/012cgget2
for g in 012cgget1 012cgget2; do
	t cgset -r memory.limit_in_bytes=4194304 $P/$g
	t cgset -r memory.soft_limit_in_bytes=4096000 $P/$g
done
t cgget -v -r memory.limit_in_bytes -r memory.soft_limit_in_bytes $P/012cgget1 $P/012cgget2
t cgdelete -g memory:$P/012cgget1
t cgdelete -g memory:$P/012cgget2
