# once a process is reaped its /proc/<pid> is gone (ENOENT), and a /proc/<pid>/cgroup opened before gives ESRCH on read
sleep 100 &
p=$!
echo "@pid sleeper $p"
exec 3< /proc/$p/cgroup
exec 4< /proc/$p/status
kill $p
wait $p 2>/dev/null
echo "wait: $?"
cat /proc/$p/cgroup
ls -d /proc/$p
cat <&3
echo "cat: $?"
head -1 <&4
echo "head: $?"
