# mount -t cpuset is the cgroup fs with cpuset, noprefix and the cpuset release agent: here it reuses the bound cpuset hierarchy (other flags ignored)
cd $CGKIT_TMP
mkdir c
mount -t cpuset cs c && echo mounted
grep "$CGKIT_TMP" /proc/self/mounts
ls -d c/$CGKIT_PREFIX
grep ':cpuset:' /proc/self/cgroup
echo "[$(cat c/release_agent)]"
mount -t cpuset -o name=$CGKIT_PREFIX-1 cs2 c 2>/dev/null || echo "cpuset with a name: failed $?"
