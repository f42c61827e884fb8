# devices: a child denying by default may only allow what its parent allows (EPERM otherwise)
cd /sys/fs/cgroup/devices/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w a a/devices.deny
w 'c 1:3 r' a/devices.allow
w 'c 1:* w' a/devices.allow
mkdir a/b
w a a/b/devices.deny
w 'c 1:3 rw' a/b/devices.allow
w 'c 1:3 m' a/b/devices.allow
w 'c *:* w' a/b/devices.allow
w 'c 1:* r' a/b/devices.allow
w 'b 1:3 r' a/b/devices.allow
w a a/b/devices.allow
echo "[$(cat a/b/devices.list)]"
w 'c 1:3 r' a/b/devices.allow
w 'c 1:9 w' a/b/devices.allow
w 'c 1:* w' a/b/devices.allow
w 'c 1:3 w' a/b/devices.allow
cat a/b/devices.list
echo ---
w 'c 5:5 rwm' a/b/devices.deny
w 'c 1:3 rw' a/b/devices.deny
cat a/b/devices.list
