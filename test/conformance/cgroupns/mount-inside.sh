# cgroup and cgroup2 mounted inside a cgroup namespace show the namespace root as the mount's root: its files, its children, root field / inside and the real path outside
cd /sys/fs/cgroup
S=systemd/$CGKIT_PREFIX; U=unified/$CGKIT_PREFIX
mkdir $S/a $S/a/b $U/a $U/a/b
echo $$ > $S/a/tasks
echo $$ > $U/a/cgroup.procs
mkdir $CGKIT_TMP/v1 $CGKIT_TMP/v2
cd $CGKIT_TMP
unshare --cgroup sh -c '
	mount -t cgroup -o none,name=systemd cgroup v1 && echo "mounted name=systemd"
	mount -t cgroup2 none v2 && echo "mounted cgroup2"
	echo "v1 root:"; ls v1
	echo "v2 root has cgroup.max.depth: $(ls v2 | grep -c "^cgroup.max.depth$")"
	echo "v2 root has cgroup.stat: $(ls v2 | grep -c "^cgroup.stat$")"
	echo "inside:"; grep " '$CGKIT_TMP'/" /proc/self/mountinfo | cut -d" " -f4,5,9
	mkdir v1/made v2/made
	echo $$ > v1/made/tasks
	echo "self after a move through the new mount: $(grep systemd /proc/self/cgroup)"
	echo $$ > v1/tasks
'
echo "outside:"; grep " $CGKIT_TMP/" /proc/self/mountinfo | cut -d" " -f4,5,9
cd /sys/fs/cgroup
echo "made through the mounts: $(ls -d $S/a/made $U/a/made)"
umount $CGKIT_TMP/v1 $CGKIT_TMP/v2
rmdir $S/a/made $U/a/made
