# without CAP_SYS_RESOURCE a process may raise oom_score_adj and lower it back down to oom_score_adj_min (0), not below (EACCES); oom_adj may not go below the current value; another user cannot open the file
uw() { e=$(setpriv --reuid=$1 --regid=$1 --clear-groups sh -c '/bin/echo "$1" > "$2"' sh "$2" "$3" 2>&1) && echo "uid $1 [$2] -> $(cat $3)" || echo "uid $1 [$2] -> ${e##*: }"; }
setpriv --reuid=1000 --regid=1000 --clear-groups sleep 1000 &
p=$!
until [ "$(cat /proc/$p/comm)" = sleep ]; do sleep 0.05; done
f=/proc/$p/oom_score_adj
a=/proc/$p/oom_adj
ls -ln $f $a | tr -s ' ' | cut -d' ' -f1,3,4
uw 1000 -1 $f
uw 1000 300 $f
uw 1000 299 $f
uw 1000 0 $f
uw 1000 -1000 $f
uw 1000 -1001 $f
uw 1000 abc $f
uw 2000 5 $f
uw 1000 10 $a
echo "  oom_score_adj $(cat $f)"
uw 1000 9 $a
uw 1000 11 $a
echo "  oom_score_adj $(cat $f)"
uw 1000 -17 $a
uw 1000 0 $f
uw 1000 -16 $a
kill $p
