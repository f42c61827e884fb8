# a 40-level nested cgroup: the shell moves to the bottom, /proc/self/cgroup shows the whole path, rmdir goes bottom-up
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
p=.
for i in $(seq 40); do p=$p/l$i; done
mkdir -p $p
echo $$ > $p/tasks
grep name=systemd /proc/self/cgroup
cat $p/tasks | head -1
ls l1/l2
rmdir l1 2>&1
echo $$ > tasks
while [ "$p" != . ]; do rmdir $p || break; p=${p%/*}; done
ls
