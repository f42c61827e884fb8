# umount -l detaches a cgroup mount that a process still uses: it leaves the mount table, but the process keeps working in its cgroup directory
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
sh -c 'cd h/a && touch $CGKIT_TMP/ready && while [ ! -e $CGKIT_TMP/go ]; do sleep 0.05; done; echo $$ > cgroup.procs && echo "moved: $(grep -c "^$$\$" tasks)"; mkdir sub && echo "mkdir: ok"; ls' &
p=$!
echo "@pid worker $p"
while [ ! -e ready ]; do sleep 0.05; done
umount h
echo "exit $?"
umount -l h && echo "lazy umount: ok"
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
touch go
wait $p 2>/dev/null
grep "name=$CGKIT_PREFIX" /proc/$$/cgroup
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
ls h/a
