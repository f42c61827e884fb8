# the CAP_SYS_ADMIN check of release_agent uses the opener's credentials: root opens it, an unprivileged process writes through the descriptor
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
exec 3>h/release_agent
chmod 666 h/release_agent
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
/bin/echo /tmp/agent >&3 && echo "through root descriptor: done"
exec 4>h/release_agent
/bin/echo /tmp/other >&4 || echo "through own descriptor: status $?"
'
exec 3>&-
cat h/release_agent
