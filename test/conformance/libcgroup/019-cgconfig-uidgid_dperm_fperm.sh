# ftest 019: cgconfigparser -a USER:GROUP -d 515 -f 246 sets the owner and modes of a new cpuset group's directory and files
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
# the ftest adds its own user and group; nobody and nogroup exist on both hosts
cat > $CGKIT_TMP/019cgconfig.conf <<END
group
$P/019cgconfig {
    cpuset {
    }
}
END
t cgconfigparser -l $CGKIT_TMP/019cgconfig.conf -a nobody:nogroup -d 515 -f 246
cd /sys/fs/cgroup/cpuset/$P
stat -c '%a %U:%G %n' 019cgconfig 019cgconfig/cpuset.cpus 019cgconfig/cpuset.mems 019cgconfig/notify_on_release 019cgconfig/tasks 019cgconfig/cgroup.procs
cd $CGKIT_TMP
t cgdelete -g cpuset:$P/019cgconfig
