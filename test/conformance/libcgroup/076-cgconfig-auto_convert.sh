# ftest 076 (read back with cgget, not cgxget): cgconfigparser converts a group's v2 cpu settings (cpu.max, cpu.weight) to the v1 cpu controller
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
cat > $CGKIT_TMP/076cgconfig.conf <<END

group $P/076cgconfig_v1 {
    cpu {
        cpu.cfs_period_us = 100000;
        cpu.cfs_quota_us = 50000;
        cpu.shares = 1024;
    }
}
group $P/076cgconfig_v2 {
    cpu {
        cpu.max = "max 100000";
        cpu.weight = 50;
    }
}
END
t cgconfigparser -l $CGKIT_TMP/076cgconfig.conf
for g in 076cgconfig_v1 076cgconfig_v2; do
	t cgget -r cpu.shares -r cpu.cfs_period_us -r cpu.cfs_quota_us $P/$g
done
t cgdelete -g cpu:$P/076cgconfig_v1
t cgdelete -g cpu:$P/076cgconfig_v2
