# /proc/self/mounts lists a v1 hierarchy's options in the kernel's fixed order, whatever the order given: controllers, noprefix, xattr, cpuset_v2_mode, favordynmods, release_agent, clone_children, name
cd $CGKIT_TMP
mkdir a b c
mount -t cgroup -o name=$CGKIT_PREFIX-1,clone_children,release_agent=/x/y,favordynmods,cpuset_v2_mode,xattr,noprefix,none cgroup a
mount -t cgroup -o xattr,name=$CGKIT_PREFIX-2,perf_event cgroup b
mount -t cgroup -o none,name=$CGKIT_PREFIX-3,favordynmods,nofavordynmods,cpuset_v2_mode cgroup c
grep "$CGKIT_TMP" /proc/self/mounts
