# devices.allow: what follows three access letters or a newline is ignored; an entry can end up with no access
cd /sys/fs/cgroup/devices/$CGKIT_PREFIX
mkdir a
w() { if e=$(/usr/bin/printf "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w 'a' a/devices.deny
w 'c 1:3 rwmxyz' a/devices.allow
w 'c 1:5 r\nc 1:7 w' a/devices.allow
w 'c 1:8 rr w' a/devices.allow
w 'c 1:9 \nzz' a/devices.allow
w 'c 1:9 \n' a/devices.allow
w 'b 1:1 m\n\n\n' a/devices.allow
cat a/devices.list
echo ---
w 'c 1:9 \nq' a/devices.deny
w 'c 1:3 rwmq' a/devices.deny
cat a/devices.list
echo ---
w 'allow-everything' a/devices.allow
cat a/devices.list
w 'anything' a/devices.deny
echo "[$(cat a/devices.list)]"
