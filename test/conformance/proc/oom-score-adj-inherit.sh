# oom_score_adj is per process: a child inherits it at fork, exec keeps it, threads share it; a child may lower its own copy back to 0
setpriv --reuid=1000 --regid=1000 --clear-groups sh -c 'echo 123 > /proc/self/oom_score_adj; cat /proc/self/oom_score_adj; sh -c "cat /proc/\$\$/oom_score_adj /proc/\$\$/oom_adj; echo 0 > /proc/\$\$/oom_score_adj; cat /proc/\$\$/oom_score_adj"; cat /proc/self/oom_score_adj'
sh -c 'echo 321 > /proc/self/oom_score_adj; exec sh -c "cat /proc/\$\$/oom_score_adj"'
sleep 1000 &
p=$!
echo 77 > /proc/$p/oom_score_adj
for t in /proc/$p/task/*; do cat $t/oom_score_adj; done
kill $p
