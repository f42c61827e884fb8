# an unprivileged user can neither mount a cgroup hierarchy nor unmount one (util-linux refuses before the syscall)
mkdir h
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
nobody mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
echo "mount: status $?"
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
nobody umount h
echo "umount: status $?"
grep -c "$CGKIT_TMP/h" /proc/mounts
