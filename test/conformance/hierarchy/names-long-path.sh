# a cgroup path longer than PATH_MAX: made in relative steps; /proc/<pid>/cgroup cuts the path at 4095 bytes
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
n=$(printf '%250s' '' | tr ' ' x)
p=$n.1; for i in $(seq 2 9); do p=$p/$n.$i; done
q=$n.10; for i in $(seq 11 17); do q=$q/$n.$i; done
mkdir -p $p && cd $p && mkdir -p $q && echo "made"
echo $$ > $q/tasks && echo "moved"
grep name=systemd /proc/$$/cgroup > $CGKIT_TMP/line
echo "grep: $?"
wc -c < $CGKIT_TMP/line
tail -c 12 $CGKIT_TMP/line
grep -c ':/PREFIX$' /proc/$$/cgroup
ls $q
echo $$ > tasks
grep name=systemd /proc/$$/cgroup | wc -c
# the sandbox cannot reach paths this long: remove the chain here, deepest first
while [ "$q" != "${q%/*}" ]; do rmdir $q; q=${q%/*}; done; rmdir $q
echo $$ > /sys/fs/cgroup/systemd/$CGKIT_PREFIX/tasks
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
rmdir -p $p && echo "removed"
ls
