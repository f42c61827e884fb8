# tasks files copied around: cp of a tasks file gives its list, cat of a two-pid list into tasks is one write (EINVAL), of a one-pid list moves it
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b c
sleep 1000 &
p=$!
sleep 1000 &
q=$!
echo "@pid first $p"
echo "@pid second $q"
echo $p > a/tasks
echo $q > a/tasks
cp a/tasks $CGKIT_TMP/list && cat $CGKIT_TMP/list
cat a/tasks > b/tasks || echo "cat of two pids into tasks: $?"
echo "b: [$(cat b/tasks)]"
head -1 a/tasks > c/tasks && echo "one pid: ok"
echo "c: [$(cat c/tasks)]"
echo $q > $CGKIT_TMP/one
cp $CGKIT_TMP/one b/tasks && echo "cp of a pid file into tasks: ok"
echo "b: [$(cat b/tasks)] a: [$(cat a/tasks)]"
