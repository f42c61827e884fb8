# cpuset_v2_mode is accepted on hierarchies without cpuset (a flag shown in the options), and like every flag cannot be changed by remount
cd $CGKIT_TMP
mkdir a
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,cpuset_v2_mode cgroup a && echo mounted
grep "$CGKIT_TMP" /proc/self/mounts
ls a
mount -o remount,cpuset_v2_mode a && echo "remount, same flags: ok"
