# umount of a cgroup mount: EINVAL when not mounted, EBUSY while a process has its cwd inside or a file open, then it succeeds
cd $CGKIT_TMP
mkdir h
umount h
echo "exit $?"
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
sh -c 'cd h/a && touch $CGKIT_TMP/ready && exec sleep 1000' &
p=$!
while [ ! -e ready ]; do sleep 0.05; done
umount h
echo "exit $?"
kill $p
wait $p 2>/dev/null
exec 3< h/a/tasks
umount h
echo "exit $?"
exec 3<&-
umount h && echo unmounted
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
# mounted again: the sandbox's cleanup removes the hierarchy's cgroups
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
