# ls of /proc/self/fd shows ls's own descriptors, among them the directory it is reading; the fd directory is dr-x------
ls /proc/self/fd </dev/null 2>/dev/null | tr '\n' ' '
echo
ls -l /proc/self/fd </dev/null 2>/dev/null | tr -s ' ' | cut -d' ' -f1,9- | grep -v -e '^total' -e ' [12] -> '
ls -ld /proc/self/fd /proc/$$/fd | tr -s ' ' | cut -d' ' -f1,3,4,9
