# ftest 047 (net_cls,net_prio in place of cpu,cpuacct): a cgroup made through one of two co-mounted controllers is deleted through the other
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
# cpu and cpuacct have hierarchies of their own here; two controllers bound
# to no hierarchy share a private one instead
mkdir $CGKIT_TMP/h
mount -t cgroup -o net_cls,net_prio cgroup $CGKIT_TMP/h && echo mounted
t cgcreate -g net_cls:047shared_mnts
[ -d $CGKIT_TMP/h/047shared_mnts ] && echo "047shared_mnts exists" || echo "no 047shared_mnts"
t cgdelete -g net_prio:047shared_mnts
[ -d $CGKIT_TMP/h/047shared_mnts ] && echo "047shared_mnts exists" || echo "no 047shared_mnts"
t cgdelete -g net_cls:047shared_mnts
# unmounted while the removed cgroup is still being freed, the hierarchy
# would outlive the mount and keep net_cls and net_prio bound: wait until
# its root is its only cgroup
for i in $(seq 50); do cut -f1,3 /proc/cgroups | grep -qx "$(printf 'net_cls\t1')" && break; sleep 0.1; done
umount $CGKIT_TMP/h && echo unmounted
