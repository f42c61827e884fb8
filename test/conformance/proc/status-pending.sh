# a signal sent to a stopped process waits in ShdPnd (the process-wide set) until it continues; SigPnd and SigBlk stay empty
sleep 100 &
p=$!
echo "@pid sleeper $p"
until [ "$(cat /proc/$p/comm)" = sleep ]; do sleep 0.05; done
kill -STOP $p
until grep -q 'State:.T' /proc/$p/status; do sleep 0.05; done
kill -USR1 $p
kill -HUP $p
grep -E '^(State|SigPnd|ShdPnd|SigBlk):' /proc/$p/status
kill -CONT $p
wait $p 2>/dev/null
echo "status: $?"
