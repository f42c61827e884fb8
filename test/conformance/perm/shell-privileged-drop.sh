# a shell started with differing real and effective ids drops to the real ones (dash without -p), so its writes to tasks use those
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chmod 666 a/tasks
sleep 100 &
root=$!
echo "@pid rootsleep $root"
setpriv --ruid=65534 sh -c 'grep Uid /proc/$$/status; /bin/echo $1 > a/tasks || echo "sh: refused"' sh $root
setpriv --ruid=65534 sh -pc 'grep Uid /proc/$$/status; /bin/echo $1 > a/tasks && echo "sh -p: moved"' sh $root
setpriv --euid=65534 sh -c 'grep Uid /proc/$$/status'
setpriv --euid=65534 sh -pc 'grep Uid /proc/$$/status'
setpriv --rgid=3000 --keep-groups sh -c 'grep Gid /proc/$$/status'
setpriv --rgid=3000 --keep-groups sh -pc 'grep Gid /proc/$$/status'
cat a/tasks
