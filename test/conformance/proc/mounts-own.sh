# /proc/mounts, /proc/self/mounts and /proc/<pid>/mounts show a private cgroup mount as "source target cgroup options 0 0"
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 mysource h
grep "$CGKIT_TMP" /proc/mounts
grep "$CGKIT_TMP" /proc/self/mounts
grep "$CGKIT_TMP" /proc/$$/mounts
ls -l /proc/mounts | sed 's/.* -> //'
sleep 100 &
grep -c "$CGKIT_TMP" /proc/$!/mounts
umount h
for i in $(seq 50); do grep -q "name=$CGKIT_PREFIX-1" /proc/self/cgroup || break; sleep 0.1; done
grep -c "$CGKIT_TMP" /proc/mounts
grep -c "$CGKIT_TMP" /proc/$!/mounts
