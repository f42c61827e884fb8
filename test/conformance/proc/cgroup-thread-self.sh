# the same cgroup lines through /proc/<pid>/task/<tid>/cgroup and /proc/thread-self/cgroup; task/ lists the one thread
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir t
echo $$ > t/tasks
ls /proc/$$/task
grep systemd /proc/$$/task/$$/cgroup
sh -c 'grep systemd /proc/thread-self/cgroup; ls -l /proc/thread-self | sed "s/.* -> //"; echo "self $$"'
grep -E "^[0-9]:" /proc/$$/cgroup > $CGKIT_TMP/a
grep -E "^[0-9]:" /proc/$$/task/$$/cgroup > $CGKIT_TMP/b
[ "$(cat $CGKIT_TMP/a)" = "$(cat $CGKIT_TMP/b)" ] && echo same
