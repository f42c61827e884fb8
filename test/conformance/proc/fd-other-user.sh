# another user's /proc/<pid>/fd is dr-x------ and closed to it (EACCES), while its cgroup, status and cmdline stay readable
exec 3</dev/null
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
ls /proc/$1/fd || echo "ls: status $?"
ls -l /proc/$1/fd/3 || echo "readlink: status $?"
grep -c . /proc/$1/cgroup >/dev/null && echo "cgroup: readable"
grep -E "^(Name|Uid):" /proc/$1/status
wc -c < /proc/$1/cmdline >/dev/null && echo "cmdline: readable"
ls -ld /proc/$1/fd | cut -d" " -f1,3,4
ls -ld /proc/$$/fd | cut -d" " -f1,3,4
exec 5</dev/null
ls -l /proc/$$/fd/5 | sed "s/.* -> //"
' sh $$
setpriv --reuid=65534 --regid=65534 --clear-groups sleep 100 &
p=$!
until [ "$(cat /proc/$p/comm)" = sleep ]; do sleep 0.05; done
ls -ld /proc/$p/fd /proc/$p/cgroup /proc/$p/status | tr -s ' ' | cut -d' ' -f1,3,4
ls /proc/$p/fd > $CGKIT_TMP/list
tr '\n' ' ' < $CGKIT_TMP/list
echo
