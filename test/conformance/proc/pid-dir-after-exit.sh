# a shell whose working directory is /proc/<pid> of a process that was reaped: lookups in it fail, the directory lists nothing
sleep 100 &
p=$!
echo "@pid sleeper $p"
until [ "$(cat /proc/$p/comm)" = sleep ]; do sleep 0.05; done
cd /proc/$p
cat comm
kill $p
wait $p 2>/dev/null
cat comm
cat cgroup
ls | wc -l
ls -d . | wc -l
cd /
