# the State line of /proc/<pid>/status: R for the reader itself, S sleeping, T stopped, Z zombie
grep State /proc/self/status
sleep 100 &
s=$!
echo "@pid sleeper $s"
until [ "$(cat /proc/$s/comm)" = sleep ]; do sleep 0.05; done
until grep -q 'State:.S' /proc/$s/status; do sleep 0.05; done
grep State /proc/$s/status
kill -STOP $s
until grep -q 'State:.T' /proc/$s/status; do sleep 0.05; done
grep State /proc/$s/status
kill -CONT $s
until grep -q 'State:.S' /proc/$s/status; do sleep 0.05; done
grep State /proc/$s/status
f=$CGKIT_TMP/zpid
sh -c 'sleep 0.2 & echo $! > $1; exec sleep 100' sh $f &
until [ -s $f ] && grep -q '^State:.Z' /proc/$(cat $f)/status 2>/dev/null; do sleep 0.05; done
echo "@pid zombie $(cat $f)"
grep State /proc/$(cat $f)/status
