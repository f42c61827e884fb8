# ftest 021: cgconfigparser -h prints its help; a file setting cpuset.cpus to abc123 fails with Invalid argument and exit 96
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
cat > $CGKIT_TMP/021cgconfig.conf <<END
group
$P/021cgconfig {
    cpuset {
        cpuset.cpus = abc123;
    }
}
END
t cgconfigparser -h
t cgconfigparser -l $CGKIT_TMP/021cgconfig.conf
[ -d /sys/fs/cgroup/cpuset/$P/021cgconfig ] && echo "021cgconfig exists" || echo "no 021cgconfig"
