# an agent path that cannot be executed (missing, not executable, a directory, a bad interpreter, a script without #!) runs nothing and reports no error
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > agent
cp agent noexec
chmod 644 noexec
printf '#!/nonexistent/sh\necho "$1" >> %s/log\n' "$CGKIT_TMP" > badinterp
printf 'echo "$1" >> %s/log\n' "$CGKIT_TMP" > noshebang
chmod +x agent badinterp noshebang
mkdir adir
mkdir h/a
echo 1 > h/a/notify_on_release
for path in $CGKIT_TMP/missing $CGKIT_TMP/noexec $CGKIT_TMP/adir $CGKIT_TMP/badinterp $CGKIT_TMP/noshebang $CGKIT_TMP/agent/x; do
	echo $path > h/release_agent && echo "set $(cat h/release_agent)"
	echo $$ > h/a/cgroup.procs
	echo $$ > h/cgroup.procs
	sleep 0.2
done
[ -e log ] || echo "no log"
echo $CGKIT_TMP/agent > h/release_agent
echo $$ > h/a/cgroup.procs
echo $$ > h/cgroup.procs
for i in $(seq 50); do [ -s log ] && break; sleep 0.1; done
cat log
ls
echo > h/release_agent
