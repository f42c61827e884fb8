# /proc/self/cgroup: one line per hierarchy, newest hierarchy first, "id:controllers:path", the cgroup2 line "0::" last
grep "$CGKIT_PREFIX" /proc/self/cgroup
grep "$CGKIT_PREFIX" /proc/$$/cgroup | cut -d: -f1,2 | tr '\n' ' '
echo
grep -c "^0::/$CGKIT_PREFIX\$" /proc/self/cgroup
