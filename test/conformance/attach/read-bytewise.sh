# tasks and cgroup.procs read one byte at a time (the shell's read loop) give the same list as one read
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
for i in 1 2 3 4 5 6; do sleep 1000 & echo $! > a/tasks; done
n=0
while read -r p; do n=$((n + 1)); echo "line $n: $p"; done < a/tasks
while read -r p; do echo "procs: $p"; done < a/cgroup.procs
cat a/tasks > $CGKIT_TMP/one
while IFS= read -r p; do echo "$p"; done < a/tasks > $CGKIT_TMP/bytes
[ "$(cat $CGKIT_TMP/one)" = "$(cat $CGKIT_TMP/bytes)" ] && echo "same"
head -c 3 a/tasks; echo
tail -n 2 a/tasks
