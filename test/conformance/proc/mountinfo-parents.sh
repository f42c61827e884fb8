# mountinfo ids: a mount on top of another has the lower one's id as parent id; each mount has its own id, a bind shares the device
mkdir h b
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
mount --bind h/a b
mount -t cgroup -o none,name=$CGKIT_PREFIX-2 cgroup h
set -- $(grep " $CGKIT_TMP/h " /proc/self/mountinfo | cut -d' ' -f1-3 | tr '\n' ' ')
[ "$5" = "$1" ] && echo "the upper mount's parent is the lower mount"
[ "$4" != "$1" ] && echo "distinct mount ids"
[ "$3" != "$6" ] && echo "distinct devices for distinct hierarchies"
set -- $(grep " $CGKIT_TMP/b " /proc/self/mountinfo | cut -d' ' -f1-3) "$@"
[ "$3" = "$6" ] && echo "the bind mount shows the first hierarchy's device"
[ "$2" != "$4" ] && [ "$2" != "$7" ] && echo "the bind mount's parent is neither"
grep "$CGKIT_TMP" /proc/self/mountinfo | cut -d' ' -f4,5,10
umount h
for i in $(seq 50); do grep -q "name=$CGKIT_PREFIX-2" /proc/self/cgroup || break; sleep 0.1; done
