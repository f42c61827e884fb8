# remount keeps the hierarchy's flags and name: the same options succeed, changing a flag or the name is EINVAL and changes nothing
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,xattr cgroup h
try() {
	if err=$(mount -o "remount$1" h 2>&1); then echo "remount$1: ok"; else echo "remount$1: $(echo "$err" | head -n1 | sed 's/^mount: [^:]*: //')"; fi
	grep "$CGKIT_TMP" /proc/self/mounts | cut -d' ' -f4
}
try ""
try ",xattr"
try ",noprefix"
try ",cpuset_v2_mode"
try ",favordynmods"
try ",clone_children"
try ",name=$CGKIT_PREFIX-2"
try ",none"
cat h/cgroup.clone_children
