# /proc/self/mountinfo of a private cgroup mount: root, mount point, per-mount options, "-", fstype, source, superblock options
mkdir h b
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,noexec cgroup h
mkdir h/a h/a/x
mount --bind h/a b
grep "$CGKIT_TMP" /proc/self/mountinfo | cut -d' ' -f4-
grep "$CGKIT_TMP" /proc/self/mountinfo | cut -d' ' -f3 | sed 's/[0-9]*$/N/' | uniq -c | tr -s ' '
grep "$CGKIT_TMP" /proc/$$/mountinfo | cut -d' ' -f4,5
ls b
umount b
