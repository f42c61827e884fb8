# pid 1 of the script's pid namespace has a /proc/1/cgroup with every hierarchy's line in the usual order, and no parent in the namespace
cut -d: -f1,2 /proc/1/cgroup | grep -E '^[0-9]:' | tr '\n' ' '
echo
grep -E '^(Tgid|Pid|PPid|TracerPid|Threads):' /proc/1/status
ls -d /proc/1/task/1
