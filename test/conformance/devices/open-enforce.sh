# devices: opening a device node needs r to read, w to write, both for O_RDWR (EPERM), as dash and cat report it
P=/sys/fs/cgroup/devices/$CGKIT_PREFIX
cd $P
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w a a/devices.deny
w 'c 1:3 r' a/devices.allow
w 'c 1:5 rw' a/devices.allow
w 'c 1:7 w' a/devices.allow
echo $$ > a/tasks
cat /dev/null && echo "cat /dev/null ok"
echo x > /dev/null && echo "write /dev/null ok"
echo x >> /dev/null && echo "append /dev/null ok"
( exec 3<>/dev/null ) && echo "rdwr /dev/null ok"
head -c 4 /dev/zero | od -An -c
( exec 3<>/dev/zero ) && echo "rdwr /dev/zero ok"
echo x > /dev/full || echo "write /dev/full failed"
cat /dev/full
head -c 1 /dev/urandom > /dev/null || echo "urandom refused"
test -r /dev/null && echo "test -r null: yes" || echo "test -r null: no"
test -w /dev/null && echo "test -w null: yes" || echo "test -w null: no"
test -w /dev/zero && echo "test -w zero: yes" || echo "test -w zero: no"
test -e /dev/full && echo "test -e full: yes"
stat -c '%A %t:%T %n' /dev/null
echo $$ > $P/tasks
echo x > /dev/null && echo "back in the prefix cgroup: write ok"
