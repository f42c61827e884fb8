# mount points in /proc/mounts and mountinfo escape space, tab, newline and backslash as octal (\040 \011 \012 \134)
d="$CGKIT_TMP/a b	c
d\\e"
mkdir "$d"
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup "$d"
grep "$CGKIT_TMP" /proc/mounts
grep "$CGKIT_TMP" /proc/self/mountinfo | cut -d' ' -f5
