# mount -v and umount -v report what they did; mount -t lists cgroup mounts in mount(8)'s format
cd $CGKIT_TMP
mkdir h
mount -v -t cgroup -o none,name=$CGKIT_PREFIX-1 mysrc h
echo "exit $?"
mount -t cgroup | grep "$CGKIT_TMP"
umount -v h
echo "exit $?"
umount -v h
echo "exit $?"
