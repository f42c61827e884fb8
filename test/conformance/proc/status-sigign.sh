# SigIgn: a background command ignores SIGINT and SIGQUIT (dash without job control), and signals trapped to '' stay ignored across exec
grep SigIgn /proc/self/status
grep SigIgn /proc/self/status &
wait 2>/dev/null
(grep SigIgn /proc/self/status) &
wait 2>/dev/null
trap '' TERM HUP
grep SigIgn /proc/self/status
sh -c 'grep SigIgn /proc/self/status'
trap 'echo caught' USR1
cat /proc/self/status | grep -E '^Sig(Ign|Cgt)'
trap - TERM HUP USR1
grep SigIgn /proc/self/status
sleep 100 &
p=$!
until [ "$(cat /proc/$p/comm)" = sleep ]; do sleep 0.05; done
kill -INT $p
kill -QUIT $p
kill -0 $p && echo "alive after INT and QUIT"
kill $p
wait $p 2>/dev/null
echo "TERM: $?"
