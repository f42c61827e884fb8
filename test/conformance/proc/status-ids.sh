# /proc/<pid>/status identity lines of a child: Name, Tgid, Ngid, Pid, PPid, TracerPid, NStgid, NSpid, Kthread and Threads in the kernel's order
sleep 100 &
p=$!
echo "@pid sleeper $p"
until [ "$(cat /proc/$p/comm)" = sleep ]; do sleep 0.05; done
grep -E '^(Name|Tgid|Ngid|Pid|PPid|TracerPid|NStgid|NSpid|Kthread|Threads):' /proc/$p/status
grep -E '^(Name|Pid|PPid):' /proc/self/status
grep -E '^(Name|Pid|PPid):' /proc/$$/status
sh -c 'grep -E "^(Name|PPid):" /proc/$$/status' | sed 's/\t/ /'
