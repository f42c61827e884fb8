# an existing name with other flags is reused with its own options (the new ones ignored); with other controllers it is EBUSY
cd $CGKIT_TMP
mkdir h x1 x2 x3 x4 x5 x6
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/marker
i=0
try() {
	i=$((i + 1))
	if err=$(mount -t cgroup -o "$1" cgroup x$i 2>&1); then
		echo "$1: $(grep "$CGKIT_TMP/x$i " /proc/self/mounts | cut -d' ' -f4), $(ls -d x$i/marker)"
	else
		echo "$1: $(echo "$err" | head -n1 | sed 's/^mount: [^:]*: //')"
	fi
}
N=name=$CGKIT_PREFIX-1
try "none,$N,xattr"
try "$N,noprefix,cpuset_v2_mode"
try "none,$N,clone_children"
try "none,$N,release_agent=/new/agent"
try "perf_event,$N"
try "none,$N,favordynmods"
echo "[$(cat h/release_agent)] $(cat h/cgroup.clone_children)"
echo "cgroup lines: $(grep -c "name=$CGKIT_PREFIX" /proc/self/cgroup)"
