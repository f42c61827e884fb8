# a writer whose effective uid is 0 moves anyone's process; one whose real uid is 0 but effective uid is not is an ordinary user
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
setpriv --reuid=1000 --regid=1000 --clear-groups sleep 100 &
other=$!
until [ "$(cat /proc/$other/comm)" = sleep ]; do sleep 0.05; done
sleep 100 &
root=$!
echo "@pid uid1000 $other"
echo "@pid rootsleep $root"
setpriv --ruid=65534 sh -pc '/bin/echo $1 > a/tasks && echo "ruid 65534 euid 0: moved $1"' sh $other
setpriv --euid=65534 sh -pc '/bin/echo $1 > a/tasks || echo "ruid 0 euid 65534: open refused"' sh $root
chmod 666 a/tasks
setpriv --euid=65534 sh -pc '/bin/echo $1 > a/tasks || echo "ruid 0 euid 65534: move refused"' sh $root
setpriv --euid=65534 sh -pc '/bin/echo $$ > a/tasks && echo "ruid 0 euid 65534: moved itself (saved uid 65534)"'
cat a/tasks
