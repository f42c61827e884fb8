# a zombie's /proc files: status keeps its identity with State Z, cmdline is empty, fd lists nothing and comm keeps its name
f=$CGKIT_TMP/zpid
sh -c 'sleep 0.2 & echo $! > $1; exec sleep 100' sh $f &
until [ -s $f ] && grep -q '^State:.Z' /proc/$(cat $f)/status 2>/dev/null; do sleep 0.05; done
z=$(cat $f)
echo "@pid zombie $z"
grep -E '^(Name|Umask|State|Tgid|Pid|Uid|Threads):' /proc/$z/status
echo "cmdline bytes: $(wc -c < /proc/$z/cmdline)"
cat /proc/$z/comm
ls /proc/$z/fd | wc -l
ls -ld /proc/$z/fd | cut -c1-10
