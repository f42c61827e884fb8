# root whose capabilities lack CAP_SYS_ADMIN (setpriv --bounding-set) opens release_agent but its write fails with EPERM; mkdir needs no capability
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
setpriv --bounding-set=-sys_admin sh -c '
grep -E "^Uid" /proc/self/status
/bin/echo /bin/true > h/release_agent || echo "release_agent: status $?"
mkdir h/a && echo "mkdir: done"
/bin/echo 1 > h/a/notify_on_release && echo "notify_on_release: done"
'
cat h/release_agent
