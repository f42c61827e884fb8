# devices exceptions: access bits of the same device merge, removal takes bits, entries keep insertion order
cd /sys/fs/cgroup/devices/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w a a/devices.deny
w 'c 1:5 r' a/devices.allow
w 'c 1:3 w' a/devices.allow
w 'b 1:3 m' a/devices.allow
w 'c 1:5 m' a/devices.allow
w 'c 1:* r' a/devices.allow
w 'c 1:3 r' a/devices.allow
cat a/devices.list
echo ---
w 'c 1:5 r' a/devices.deny
w 'c 1:* w' a/devices.deny
w 'c 1:9 rwm' a/devices.deny
w 'c 1:3 rw' a/devices.deny
cat a/devices.list
echo ---
w 'c 1:3 m' a/devices.allow
w 'c *:* rwm' a/devices.deny
cat a/devices.list
