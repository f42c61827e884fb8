# rename works alike in name=systemd and a private named hierarchy; on cgroup2 it is EPERM
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
echo $$ > h/a/tasks
t mv h/a h/b
grep name=$CGKIT_PREFIX /proc/self/cgroup
echo $$ > h/tasks
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir u
t mv u v
t mv -T u v
ls -d u v 2>&1
rmdir u
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir s
t mv s t
ls -d s t 2>&1
rmdir t
rmdir $CGKIT_TMP/h/b
