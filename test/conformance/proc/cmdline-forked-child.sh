# a forked subshell shows its parent's cmdline until it execs something of its own
sh -c '(sleep 100; :) & echo $! > $1; wait' forker $CGKIT_TMP/pid &
until [ -s $CGKIT_TMP/pid ]; do sleep 0.05; done
p=$(cat $CGKIT_TMP/pid)
echo "@pid subshell $p"
tr '\0' '|' < /proc/$p/cmdline
echo
grep -E '^Name:' /proc/$p/status
until q=$(pgrep -P $p) && [ "$(cat /proc/$q/comm)" = sleep ]; do sleep 0.05; done
echo "@pid sleeper $q"
tr '\0' '|' < /proc/$q/cmdline
echo
