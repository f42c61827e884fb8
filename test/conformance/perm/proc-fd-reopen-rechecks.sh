# reopening an inherited descriptor through /proc/self/fd/N is a new open with the caller's credentials: the file's mode is checked again
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
sleep 100 &
root=$!
echo "@pid rootsleep $root"
exec 3>a/tasks
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
ls -l /proc/self/fd/3 | sed "s/.* -> //"
/bin/echo $1 > /proc/self/fd/3 || echo "reopen: status $?"
/bin/echo $1 >&3 && echo "inherited descriptor: moved"
' sh $root
exec 3>&-
cat a/tasks
