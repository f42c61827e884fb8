# a cgroup file bind-mounted onto a regular file shows in mountinfo with that file as root, also when bound on again; a directory cannot go on a file
mkdir h k
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
touch f g
mount --bind h/a/tasks f
mount --bind f g
mount --bind h k
mount --bind h g
grep " $CGKIT_TMP/[fg] " /proc/self/mountinfo | cut -d' ' -f4,5,9-
grep " $CGKIT_TMP/[fg] " /proc/mounts
exec 3<g
ls -l /proc/$$/fd/3 | sed 's/.* -> //'
exec 3<&-
echo $$ > f
grep "name=$CGKIT_PREFIX" /proc/self/cgroup
echo $$ > h/tasks
umount g
umount f
