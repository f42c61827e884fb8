# /proc/<pid>/status shows real, effective, saved and filesystem ids and the sorted supplementary groups that setpriv set
show() { setpriv "$@" grep -E '^(Uid|Gid|Groups)' /proc/self/status; }
show --reuid=1000 --regid=1000 --clear-groups
show --ruid=1000 --euid=2000 --rgid=3000 --egid=4000 --clear-groups
show --euid=5 --groups=30,10,20,10
show --ruid=7 --keep-groups
grep Groups /proc/self/status | od -c | sed 1q
setpriv --groups=9,8 grep Groups /proc/self/status | od -c | sed 1q
setpriv --reuid=1000 --regid=1000 --groups=30,10,20 setpriv -d | sed 5q
