# /proc/self and /proc/thread-self are symlinks resolved for the reader: its pid, and pid/task/tid
ls -l /proc/self | sed 's/.* -> //'
ls -l /proc/thread-self | sed 's/.* -> //'
ls -ld /proc/self | cut -c1-10
read line < /proc/self/status
echo "builtin read: $line"
grep -E '^(Name|Pid):' /proc/self/status
cd /proc/self
pwd
pwd -P
