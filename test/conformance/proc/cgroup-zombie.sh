# a zombie shows "/" on every v1 hierarchy in /proc/<pid>/cgroup while its cgroup2 line keeps the cgroup it died in
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
mkdir $CGKIT_TMP/h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup $CGKIT_TMP/h
mkdir $CGKIT_TMP/h/z
f=$CGKIT_TMP/zpid
sh -c 'echo $$ > a/tasks; echo $$ > $CGKIT_TMP/h/z/tasks; sleep 0.2 & echo $! > $1; exec sleep 100' sh $f &
until [ -s $f ] && grep -q '^State:.Z' /proc/$(cat $f)/status 2>/dev/null; do sleep 0.05; done
z=$(cat $f)
echo "@pid zombie $z"
grep -E "^[0-9]:|name=$CGKIT_PREFIX" /proc/$z/cgroup
echo "tasks of a: $(cat a/tasks | wc -l), of h/z: $(cat $CGKIT_TMP/h/z/tasks | wc -l)"
grep -c "^$z\$" a/tasks $CGKIT_TMP/h/z/tasks || echo "the zombie is in no tasks file"
