# ftest 017: cgconfigparser -l FILE creates a v1 cpu group and writes its cfs period, quota and shares
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
cat > $CGKIT_TMP/017cgconfig.conf <<END
group
$P/017cgconfig {
    cpu {
        cpu.cfs_period_us = 500000;
        cpu.cfs_quota_us = 100000;
        cpu.shares = 999;
    }
}
END
t cgconfigparser -l $CGKIT_TMP/017cgconfig.conf
for s in cpu.cfs_period_us cpu.cfs_quota_us cpu.shares; do
	t cgget -n -v -r $s $P/017cgconfig
done
t cgdelete -g cpu:$P/017cgconfig
