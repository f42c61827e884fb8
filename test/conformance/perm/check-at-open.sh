# write permission on tasks is checked when the file is opened: a descriptor opened while the mode allowed it keeps working after chmod
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
mkdir $CGKIT_TMP/n
chown 65534 $CGKIT_TMP/n
chmod 666 a/tasks
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
exec 3>a/tasks
: > $CGKIT_TMP/n/opened
until [ -e $CGKIT_TMP/n/go ]; do sleep 0.05; done
/bin/echo $$ >&3 && echo "moved through the old descriptor"
grep systemd /proc/self/cgroup
/bin/echo $$ > a/tasks || echo "a new open is refused"
' &
until [ -e $CGKIT_TMP/n/opened ]; do sleep 0.05; done
chmod 644 a/tasks
touch $CGKIT_TMP/n/go
wait 2>/dev/null
ls -ln a/tasks | tr -s ' ' | cut -d' ' -f1,3,4
