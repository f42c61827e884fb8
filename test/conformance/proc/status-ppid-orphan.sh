# an orphan is reparented to pid 1 of its pid namespace: its PPid becomes 1 while Tgid and Pid stay
sh -c 'sleep 100 & echo $! > $1' sh $CGKIT_TMP/pid
p=$(cat $CGKIT_TMP/pid)
echo "@pid orphan $p"
until [ "$(cat /proc/$p/comm)" = sleep ]; do sleep 0.05; done
grep -E '^(Name|Tgid|Pid|PPid):' /proc/$p/status
setpriv --reuid=1000 --regid=1000 --clear-groups sleep 100 &
q=$!
echo "@pid child $q"
until [ "$(cat /proc/$q/comm)" = sleep ]; do sleep 0.05; done
grep -E '^(Name|Pid|PPid):' /proc/$q/status
tr '\0' ' ' < /proc/$q/cmdline
echo
