# the agent's argv, environment and working directory: argv is [agent, path], env HOME=/ and the standard PATH, cwd /
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
cat > agent <<AGENT
#!/bin/sh
{
	echo "argc=\$# argv0=\$0 argv1=\$1"
	env | sort
	echo "cwd: \$(pwd)"
	echo "umask: \$(umask)"
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
