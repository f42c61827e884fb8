# devices: a new child starts with its parent's behaviour and exceptions, as copies
cd /sys/fs/cgroup/devices/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w a a/devices.deny
w 'c 1:3 rw' a/devices.allow
w 'c 1:5 r' a/devices.allow
w 'b *:* m' a/devices.allow
mkdir a/b a/b/c
cat a/b/devices.list
echo ---
cat a/b/c/devices.list
echo ---
w 'c 1:3 w' a/b/devices.deny
cat a/b/devices.list
echo ---
cat a/devices.list
echo ---
mkdir d
w 'c 1:3 w' d/devices.deny
mkdir d/e
cat d/e/devices.list
