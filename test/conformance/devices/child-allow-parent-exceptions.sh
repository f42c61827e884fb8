# devices: under a parent allowing all but some exceptions, children may not lift or overlap them
cd /sys/fs/cgroup/devices/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w 'c 1:3 w' a/devices.deny
w 'b *:* m' a/devices.deny
mkdir a/allow a/deny
cat a/allow/devices.list
w 'c 1:3 w' a/allow/devices.allow
w 'c 1:3 r' a/allow/devices.allow
w 'b 8:0 m' a/allow/devices.allow
w 'c 1:5 r' a/allow/devices.deny
w 'c 1:5 r' a/allow/devices.allow
w a a/deny/devices.deny
w 'c 1:* rw' a/deny/devices.allow
w 'c *:* r' a/deny/devices.allow
w 'b 8:0 rwm' a/deny/devices.allow
w 'b 8:0 rw' a/deny/devices.allow
w 'c 1:5 w' a/deny/devices.allow
w 'c 1:3 r' a/deny/devices.allow
cat a/deny/devices.list
echo ---
w a a/deny/devices.allow
cat a/deny/devices.list
