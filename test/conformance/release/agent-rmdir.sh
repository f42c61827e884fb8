# the classic agent removes the released cgroup: its argument, appended to the hierarchy's mount point, is the directory to rmdir
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
# On Linux the agent runs in the host's mount namespace, where this
# script's private mount is reached through /proc/PID/root of a process
# of the script; where the mount is visible directly the first path serves.
cat > agent <<AGENT
#!/bin/sh
for h in $CGKIT_TMP/h /proc/[0-9]*/root$CGKIT_TMP/h; do
	if [ -d "\$h\$1" ]; then
		rmdir "\$h\$1" && echo "removed \$1" >> $CGKIT_TMP/log
		exit
	fi
done
echo "not found: \$1" >> $CGKIT_TMP/log
AGENT
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
echo 1 > h/notify_on_release
mkdir h/job1 h/job2 h/job2/step
echo $$ > h/job1/cgroup.procs
echo $$ > h/job2/step/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
ls h | grep job
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ $(wc -l < log) -ge 3 ] && break; sleep 0.1; done
sort log
echo "[$(ls h | grep job)]"
echo > h/release_agent
