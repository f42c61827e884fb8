# mounting a cgroup hierarchy needs root: a user gets mount(8)'s refusal and nothing is mounted
cd $CGKIT_TMP
mkdir h
chmod 777 h
setpriv --reuid 1000 --regid 1000 --clear-groups mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
echo "exit $?"
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
