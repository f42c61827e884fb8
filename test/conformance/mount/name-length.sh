# a hierarchy name holds at most 63 bytes (MAX_CGROUP_ROOT_NAMELEN - 1); an empty or missing name value is EINVAL
cd $CGKIT_TMP
pad=$(printf "%0100d" 0)
for len in 62 63 64 100; do
	mkdir x$len
	n=$(printf "%s-%s" "$CGKIT_PREFIX" "$pad" | cut -c1-$len)
	if mount -t cgroup -o "none,name=$n" cgroup x$len 2>/dev/null; then
		shown=$(grep "$CGKIT_TMP/x$len " /proc/self/mounts | sed 's/.*,name=//; s/ .*//')
		echo "$len bytes: mounted, name of ${#shown} bytes shown"
	else
		echo "$len bytes: failed $?"
	fi
done
mkdir x
mount -t cgroup -o none,name= cgroup x 2>&1
mount -t cgroup -o none,name cgroup x 2>&1
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
