# inside a cgroup namespace only existing hierarchies can be mounted: a new named one is refused (EPERM), an existing private one is mounted at the namespace root
mkdir $CGKIT_TMP/h $CGKIT_TMP/n $CGKIT_TMP/h2
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup $CGKIT_TMP/h
mkdir $CGKIT_TMP/h/a
echo $$ > $CGKIT_TMP/h/a/tasks
unshare --cgroup sh -c "mount -t cgroup -o none,name=$CGKIT_PREFIX-2 cgroup $CGKIT_TMP/n" ; echo "new hierarchy: exit $?"
grep -c "name=$CGKIT_PREFIX-2" /proc/self/cgroup
unshare --cgroup sh -c "mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup $CGKIT_TMP/h2 && mkdir $CGKIT_TMP/h2/x && ls -d $CGKIT_TMP/h/a/x && grep ' $CGKIT_TMP/h2 ' /proc/self/mountinfo | cut -d' ' -f4,5"
grep " $CGKIT_TMP/h2 " /proc/self/mountinfo | cut -d' ' -f4,5
umount $CGKIT_TMP/h2
echo $$ > $CGKIT_TMP/h/tasks
rmdir $CGKIT_TMP/h/a/x $CGKIT_TMP/h/a
