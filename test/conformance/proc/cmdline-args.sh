# /proc/<pid>/cmdline is the argv of the last exec, each argument NUL-terminated, empty arguments and spaces kept
sleep 100 &
until [ "$(cat /proc/$!/comm)" = sleep ]; do sleep 0.05; done
od -c /proc/$!/cmdline | sed '$d'
sh -c 'sleep 100; :' arg0 "a b" "" "x" &
p=$!
until [ "$(tr '\0' '\n' < /proc/$p/cmdline | wc -l)" = 7 ]; do sleep 0.05; done
tr '\0' '|' < /proc/$p/cmdline
echo
cat /proc/self/cmdline | tr '\0' '|'
echo
tr '\0' '\n' < /proc/$$/cmdline | sed -n '1,3p'
