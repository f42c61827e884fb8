# ftest 029: lssubsys lists the mounted controllers: exit 82 with nothing while a v1-only controller is bound nowhere, a list once it is
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t lssubsys
t lssubsys -i
t lssubsys -m
# the v1 controllers bound to no hierarchy here, on a private one: now every
# controller of /proc/cgroups has a version (its id, the kernel's next free
# one, is not printed)
mkdir $CGKIT_TMP/h
mount -t cgroup -o net_cls,net_prio,perf_event cgroup $CGKIT_TMP/h && echo mounted
t lssubsys
t lssubsys -m
t lssubsys -m cpuset memory
umount $CGKIT_TMP/h && echo unmounted
