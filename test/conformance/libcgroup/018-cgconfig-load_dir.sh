# ftest 018: cgconfigparser -L DIR loads every file of the directory: a group with cpu and memory settings
t() { echo "+ $*"; "$@" >$CGKIT_TMP/.o 2>$CGKIT_TMP/.e; rc=$?; sed 's/$/$/' $CGKIT_TMP/.o; sed 's/^/2> /; s/$/$/' $CGKIT_TMP/.e; echo "exit $rc"; }
P=$CGKIT_PREFIX
mkdir $CGKIT_TMP/018cgconfig
cat > $CGKIT_TMP/018cgconfig/cgconfig.conf <<END
group
$P/018cgconfig {
    cpu {
        cpu.cfs_period_us = 400000;
        cpu.cfs_quota_us = 50000;
        cpu.shares = 123;
    }
    memory {
        memory.limit_in_bytes = 409600;
        memory.soft_limit_in_bytes = 376832;
    }
}
END
t cgconfigparser -L $CGKIT_TMP/018cgconfig
for s in cpu.cfs_period_us cpu.cfs_quota_us cpu.shares memory.limit_in_bytes memory.soft_limit_in_bytes; do
	t cgget -n -v -r $s $P/018cgconfig
done
t cgdelete -g cpu:$P/018cgconfig
t cgdelete -g memory:$P/018cgconfig
