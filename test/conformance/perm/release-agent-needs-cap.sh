# release_agent needs CAP_SYS_ADMIN of the writer: an unprivileged user gets EACCES from the mode, then EPERM once the file is its own
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
echo /bin/true > h/release_agent
ls -ln h/release_agent | tr -s ' ' | cut -d' ' -f1,3,4,9
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
nobody sh -c '/bin/echo /bin/false > h/release_agent || echo "mode: status $?"; cat h/release_agent'
chown 65534 h/release_agent
nobody sh -c '/bin/echo /bin/false > h/release_agent || echo "owned: status $?"'
chmod 666 h/release_agent
nobody sh -c '/bin/echo /bin/false > h/release_agent || echo "0666: status $?"'
setpriv --euid=65534 sh -pc '/bin/echo /bin/false > h/release_agent || echo "root ruid, euid 65534: status $?"'
setpriv --ruid=65534 sh -pc '/bin/echo /bin/sh > h/release_agent && echo "euid 0: done"'
cat h/release_agent
