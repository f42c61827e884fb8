# a hierarchy with child cgroups cannot be remounted at all (EBUSY, even without changes); without children it can
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
mount -o remount h 2>&1
echo "exit $?"
mount -o remount,release_agent=/new h 2>/dev/null || echo "release_agent with children: failed $?"
echo "[$(cat h/release_agent)]"
mount -o remount,ro h 2>/dev/null || echo "ro with children: failed $?"
grep "$CGKIT_TMP" /proc/self/mounts
rmdir h/a
# a removed cgroup stays on its parent's list until it is freed: retry
for i in $(seq 50); do mount -o remount,release_agent=/new h 2>/dev/null && break; sleep 0.1; done
echo "release_agent without children: exit $?"
echo "[$(cat h/release_agent)]"
grep "$CGKIT_TMP" /proc/self/mounts
mount -o remount,release_agent=/newer h 2>/dev/null || echo "a second release_agent: failed $?"
echo "[$(cat h/release_agent)]"
