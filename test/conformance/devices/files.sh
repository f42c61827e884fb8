# devices files: modes, the allow-all default of list, reading allow/deny and writing list are EINVAL
cd /sys/fs/cgroup/devices
ls | grep '^devices\.'
cd $CGKIT_PREFIX
mkdir a
stat -c '%A %n' a/devices.*
echo "list: [$(cat a/devices.list)]"
echo "prefix list: [$(cat devices.list)]"
r() { if e=$(cat "$1" 2>&1); then echo "$1 -> [$e]"; else echo "$1 -> ${e##*: }"; fi; }
r a/devices.allow
r a/devices.deny
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w a a/devices.list
w 'c 1:3 r' a/devices.list
echo "list: [$(cat a/devices.list)]"
