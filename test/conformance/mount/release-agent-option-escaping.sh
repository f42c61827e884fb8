# /proc/self/mounts escapes space, tab, newline, backslash and comma in release_agent (as octal), but not '='
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1,release_agent=/a=b cgroup h
grep "$CGKIT_TMP" /proc/self/mounts
printf '/x y\tz,w\\v=u' > h/release_agent
cat h/release_agent
grep "$CGKIT_TMP" /proc/self/mounts
printf '/p\nq\n' > h/release_agent
cat h/release_agent
grep -A1 "$CGKIT_TMP" /proc/self/mounts
