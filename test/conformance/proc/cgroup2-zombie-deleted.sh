# on cgroup2 a zombie keeps the path of the cgroup it died in, with " (deleted)" once that cgroup is removed
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir z
f=$CGKIT_TMP/zpid
sh -c 'echo $$ > z/cgroup.procs; sleep 0.2 & echo $! > $1; exec sleep 100' sh $f &
until [ -s $f ] && grep -q '^State:.Z' /proc/$(cat $f)/status 2>/dev/null; do sleep 0.05; done
z=$(cat $f)
echo "@pid zombie $z"
grep '^0::' /proc/$z/cgroup
p=$(cat z/cgroup.procs)
echo "@pid parent $p"
echo $p > cgroup.procs
rmdir z && echo removed
grep '^0::' /proc/$z/cgroup
grep '^9:' /proc/$z/cgroup
