# a name whose hierarchy is being destroyed (unmounted without children) is not reused: mount waits for it to go, then creates it anew
cd $CGKIT_TMP
mkdir h g
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,xattr cgroup h
echo /old/agent > h/release_agent
umount h
mount -t cgroup -o name=$CGKIT_PREFIX-1 cgroup h 2>/dev/null || echo "name= alone: failed $?"
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup g && echo "none,name=: mounted"
echo "[$(cat g/release_agent)]"
grep "$CGKIT_TMP" /proc/self/mounts
echo "cgroup lines: $(grep -c "name=$CGKIT_PREFIX" /proc/self/cgroup)"
