# unknown options, unknown or cgroup2-only controller names and options, values on flag options, no or an empty value for release_agent: each is EINVAL and mounts nothing
cd $CGKIT_TMP
mkdir x
N=name=$CGKIT_PREFIX-1
for o in bogus "none,$N,bogus" "none,$N,xattr=1" "none=1,$N" "none,$N,noprefix=0" "none,$N,all=yes" io misc rdma cpu_foo "none,$N,Xattr" "NONE,$N" "none,$N,release_agent" "none,$N,release_agent=" nsdelegate "none,$N,memory_recursiveprot"; do
	if mount -t cgroup -o "$o" cgroup x 2>/dev/null; then
		echo "$o: mounted"
		umount x
	else
		echo "$o: failed $?"
	fi
done
mount -t cgroup -o none,$N,bogus cgroup x 2>&1
echo "exit $?"
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
