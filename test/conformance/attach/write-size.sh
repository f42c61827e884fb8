# a write to tasks or notify_on_release may be at most 4096 bytes (E2BIG beyond); tasks strips padding whitespace, notify_on_release does not
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
sleep 1000 &
p=$!
echo "@pid sleeper $p"
pad() { printf "%$(($1 - ${#2} - 1))s%s\n" "" "$2" > $CGKIT_TMP/buf; wc -c < $CGKIT_TMP/buf; }
w() { if e=$(cat $CGKIT_TMP/buf 2>&1 > "$1"); then echo "$1 -> ok"; else echo "$1 -> ${e##*: }"; fi; }
pad 4096 $p; w a/tasks
grep name=systemd /proc/$p/cgroup
echo $p > tasks
pad 4097 $p; w a/tasks
pad 8192 $p; w a/cgroup.procs
grep name=systemd /proc/$p/cgroup
pad 4096 1; w a/notify_on_release
pad 4097 0; w a/notify_on_release
cat a/notify_on_release
