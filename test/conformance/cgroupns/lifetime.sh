# a cgroup namespace keeps its root cgroups: removed, they stay dying (counted in /proc/cgroups) until the last process of the namespace is gone, even after its creator exited
mkdir $CGKIT_TMP/h
mount -t cgroup -o net_cls cgroup $CGKIT_TMP/h
cd $CGKIT_TMP/h
n() { echo "net_cls cgroups: $(grep '^net_cls' /proc/cgroups | cut -f3)"; }
mkdir a
echo $$ > a/tasks
unshare --cgroup sh -c 'sleep 100 & echo $! > ../pid' &
c=$!
echo "@pid creator $c"
wait $c
s=$(cat ../pid)
echo "@pid survivor $s"
[ -e /proc/$c ] || echo "the creator is gone"
echo $$ > tasks
echo $s > tasks
n
rmdir a && echo "removed a"
n
kill $s
for i in $(seq 40); do [ "$(grep '^net_cls' /proc/cgroups | cut -f3)" = 1 ] && break; sleep 0.05; done
n
