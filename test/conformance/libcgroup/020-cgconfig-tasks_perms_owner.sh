# ftest 020: cgconfigparser -s 642 -t USER:GROUP sets the owner and mode of a new v1 cpuset group's tasks file
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
# the ftest adds its own user and group; nobody and nogroup exist on both hosts
cat > $CGKIT_TMP/020cgconfig.conf <<END
group
$P/020cgconfig {
    cpuset {
    }
}
END
t cgconfigparser -l $CGKIT_TMP/020cgconfig.conf -s 642 -t nobody:nogroup
cd /sys/fs/cgroup/cpuset/$P
stat -c '%a %U:%G %n' 020cgconfig 020cgconfig/tasks 020cgconfig/cgroup.procs 020cgconfig/cpuset.cpus
cd $CGKIT_TMP
t cgdelete -g cpuset:$P/020cgconfig
