# a tasks file opened by root keeps root's credentials: an unprivileged process writing through the inherited descriptor moves root's process
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
sleep 100 &
root=$!
echo "@pid rootsleep $root"
exec 3>a/tasks
chmod 666 a/tasks
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
/bin/echo $1 >&3 && echo "through root fd: moved"
exec 4>a/tasks
/bin/echo $1 >&4 || echo "through own fd: refused"
/bin/echo $$ >&4 && echo "own pid through own fd: moved"
' sh $root
exec 3>&-
cat a/tasks
