# writes through a symlink to a tasks file (and a symlinked cgroup directory) move processes like the file itself
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
ln -s /sys/fs/cgroup/systemd/$CGKIT_PREFIX/a/tasks $CGKIT_TMP/t
ln -s /sys/fs/cgroup/systemd/$CGKIT_PREFIX/b $CGKIT_TMP/d
sleep 1000 &
p=$!
echo "@pid sleeper $p"
echo $p > $CGKIT_TMP/t && grep name=systemd /proc/$p/cgroup
echo $p > $CGKIT_TMP/d/cgroup.procs && grep name=systemd /proc/$p/cgroup
cat $CGKIT_TMP/d/tasks
ls -l $CGKIT_TMP/t | sed 's/.* -> //'
readlink -f $CGKIT_TMP/d/tasks | sed "s|$CGKIT_PREFIX|PREFIX|"
rmdir a && echo "a removed"
echo $p > $CGKIT_TMP/t || echo "through the dangling link: $?"
