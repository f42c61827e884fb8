# the last umount of a hierarchy without child cgroups destroys it: its /proc/self/cgroup line goes, and the name must be created anew (name= alone is EINVAL)
cd $CGKIT_TMP
mkdir h
mkdir g
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup g
echo $$ > h/cgroup.procs
echo /x > h/release_agent
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
umount g
sleep 0.3
echo "one mount point left: $(grep -c "name=$CGKIT_PREFIX" /proc/self/cgroup) cgroup line, [$(cat h/release_agent)]"
umount h
for i in $(seq 50); do grep -q "name=$CGKIT_PREFIX" /proc/self/cgroup || break; sleep 0.1; done
echo "cgroup lines: $(grep -c "name=$CGKIT_PREFIX" /proc/self/cgroup)"
mount -t cgroup -o name=$CGKIT_PREFIX-1 cgroup h 2>/dev/null || echo "name= alone: failed $?"
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h && echo "none,name=: mounted"
echo "[$(cat h/release_agent)]"
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
