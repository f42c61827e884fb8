# devices: "a" resets the behaviour (deny: empty list; allow: all) and is EINVAL while the cgroup has children
cd /sys/fs/cgroup/devices/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w a a/devices.deny
echo "[$(cat a/devices.list)]"
w 'c 1:3 r' a/devices.allow
w a a/devices.allow
echo "[$(cat a/devices.list)]"
w 'c 1:3 r' a/devices.deny
echo "[$(cat a/devices.list)]"
w a a/devices.deny
echo "[$(cat a/devices.list)]"
mkdir a/b
w a a/devices.deny
w a a/devices.allow
w 'c 1:3 r' a/devices.allow
echo "[$(cat a/devices.list)]"
w a a/b/devices.allow
echo "[$(cat a/b/devices.list)]"
rmdir a/b
# the removed child's css goes offline asynchronously on Linux: retry until it has
for i in $(seq 100); do /bin/echo a 2>/dev/null > a/devices.allow && break; sleep 0.05; done
echo "[$(cat a/devices.list)]"
