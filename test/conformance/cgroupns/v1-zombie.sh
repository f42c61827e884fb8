# a zombie's v1 lines read / from any namespace; a live process's lines from a namespace rooted below it read /..
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a a/b
f=$CGKIT_TMP/zpid
sh -c 'echo $$ > a/tasks; sleep 0.2 & echo $! > $1; exec sleep 100' sh $f & s=$!
echo "@pid sleeper $s"
until [ -s $f ] && grep -q '^State:.Z' /proc/$(cat $f)/status 2>/dev/null; do sleep 0.05; done
z=$(cat $f)
echo "@pid zombie $z"
echo "outside: $(grep systemd /proc/$s/cgroup) / $(grep systemd /proc/$z/cgroup)"
echo $$ > a/b/tasks
echo "inside: $(unshare --cgroup grep systemd /proc/$s/cgroup) / $(unshare --cgroup grep systemd /proc/$z/cgroup)"
echo $$ > tasks
kill $s
