# mounting an existing name again with the same options adds a mount point of the same hierarchy: shared cgroups, files and release_agent
cd $CGKIT_TMP
mkdir a b
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 one a
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 two b && echo "second mount: ok"
grep "$CGKIT_TMP" /proc/self/mounts
echo "cgroup lines: $(grep -c "name=$CGKIT_PREFIX" /proc/self/cgroup)"
mkdir a/x
ls -d b/x
echo /some/agent > b/release_agent
cat a/release_agent
echo 1 > b/x/notify_on_release
cat a/x/notify_on_release
echo $$ > b/x/cgroup.procs
cat a/x/cgroup.procs
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
umount a
grep "$CGKIT_TMP" /proc/self/mounts
cat b/x/cgroup.procs
echo $$ > b/cgroup.procs
echo > b/release_agent
