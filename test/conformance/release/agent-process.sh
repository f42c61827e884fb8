# the agent process: root credentials, a child of kthreadd (pid 2), no open stdin/stdout/stderr, in the root cgroup of the hierarchy
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
cat > agent <<AGENT
#!/bin/sh
fds=""
for n in 0 1 2; do [ -e /proc/\$\$/fd/\$n ] && fds="\$fds \$n"; done
{
	echo "open fds 0-2:\$fds"
	grep -E '^(PPid|Uid|Gid|Groups):' /proc/\$\$/status
	id
	grep -e "name=$CGKIT_PREFIX" -e name=systemd -e pids /proc/\$\$/cgroup
} > $CGKIT_TMP/log.tmp 2>&1
mv $CGKIT_TMP/log.tmp $CGKIT_TMP/log
AGENT
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
mkdir h/a
echo 1 > h/a/notify_on_release
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
echo > h/release_agent
