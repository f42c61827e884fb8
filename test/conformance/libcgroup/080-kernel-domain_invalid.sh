# ftest 080 (controller-less cgroup2, a threaded sibling making the child domain invalid): cgcreate/cgdelete below it work, cgclassify into it fails with Operation not supported
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
# libcgroup takes the last cgroup2 line of /proc/mounts as the cgroup v2
# mount point (the real host's sandbox bind-mounts the prefix cgroup, which
# would be that line): mount the hierarchy once more so that both hosts use
# its root; the "cgroup" pseudo-controller stays at the first line, the
# ordinary /sys/fs/cgroup/unified
mkdir $CGKIT_TMP/u2
mount -t cgroup2 none $CGKIT_TMP/u2 && echo mounted
U=/sys/fs/cgroup/unified/$P
# the ftest gets a "domain invalid" child from a cgroup v2 cpu controller
# enabled in a parent that holds a process; without controllers, a threaded
# sibling does the same
t cgcreate -g :$P/080domaininvalid
t cgcreate -g :$P/080domaininvalid/childcg
t cgcreate -g :$P/080domaininvalid/threadedcg
t cgset -r cgroup.type=threaded $P/080domaininvalid/threadedcg
sleep 1000 &
p=$!
echo "@pid sleeper $p"
t cgclassify -g :$P/080domaininvalid $p
for g in 080domaininvalid 080domaininvalid/childcg 080domaininvalid/threadedcg; do
	echo "$g: $(cat $U/$g/cgroup.type)"
done
# test 1: a cgroup with no controllers below the domain invalid one
t cgcreate -g :$P/080domaininvalid/childcg/grandchildcg
[ -d $U/080domaininvalid/childcg/grandchildcg ] && echo "grandchildcg exists" || echo "no grandchildcg"
t cgdelete -g :$P/080domaininvalid/childcg/grandchildcg
[ -d $U/080domaininvalid/childcg/grandchildcg ] && echo "grandchildcg exists" || echo "no grandchildcg"
# test 2: a process into the domain invalid cgroup
sleep 1000 &
q=$!
echo "@pid second $q"
t cgclassify -g :$P/080domaininvalid/childcg $q
grep '^0::' /proc/$q/cgroup
kill $q
wait $q 2>/dev/null
# test 3: a controller the child does not have
t cgset -r cgroup.subtree_control=+memory $P/080domaininvalid/childcg
echo "subtree_control: [$(cat $U/080domaininvalid/childcg/cgroup.subtree_control)]"
kill $p
wait $p 2>/dev/null
t cgdelete -r -g :$P/080domaininvalid
umount $CGKIT_TMP/u2 && echo unmounted
