# ftest 030: lssubsys -a also lists the controllers bound to no hierarchy; lssubsys -h prints its help
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
t lssubsys -a
t lssubsys -a -i
# the v1 controllers bound to no hierarchy here, on a private one (its id,
# the kernel's next free one, is not printed)
mkdir $CGKIT_TMP/h
mount -t cgroup -o net_cls,net_prio,perf_event cgroup $CGKIT_TMP/h && echo mounted
t lssubsys -a
t lssubsys -a -m
umount $CGKIT_TMP/h && echo unmounted
t lssubsys -h
