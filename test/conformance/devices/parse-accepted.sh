# devices.allow: the accepted forms of TYPE MAJOR:MINOR ACCESS and how they read back
cd /sys/fs/cgroup/devices/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w a a/devices.deny
echo "empty: [$(cat a/devices.list)]"
w 'c 1:3 r' a/devices.allow
w 'b 8:0 rwm' a/devices.allow
w 'c *:* m' a/devices.allow
w 'b 7:* w' a/devices.allow
w 'c *:5 mr' a/devices.allow
w 'c 4294967295:4294967294 r' a/devices.allow
w 'c 00000000010:0042 w' a/devices.allow
w 'c 1:7	rw' a/devices.allow
w '   c 1:8 wm   ' a/devices.allow
w 'c 1:9 rrr' a/devices.allow
w 'c 0:0 r' a/devices.allow
cat a/devices.list
