# repeating name= or release_agent= is EINVAL, even with the same value; repeating a flag option is accepted
cd $CGKIT_TMP
i=0
try() {
	i=$((i + 1))
	mkdir x$i
	if mount -t cgroup -o "$1" cgroup x$i 2>/dev/null; then
		echo "$1: $(grep "$CGKIT_TMP/x$i " /proc/self/mounts | cut -d' ' -f4)"
	else
		echo "$1: failed $?"
	fi
}
N=name=$CGKIT_PREFIX
try "none,$N-1,$N-1"
try "none,$N-1,$N-2"
try "none,$N-1,release_agent=/a,release_agent=/a"
try "none,$N-1,release_agent=/a,release_agent=/b"
try "none,none,$N-3,xattr,xattr,noprefix,noprefix"
try "none,$N-4,clone_children,clone_children"
