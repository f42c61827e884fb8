# devices: taking an allowance from a parent denying by default takes it from the subtree, and what it backed
cd /sys/fs/cgroup/devices/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
show() { for g in "$@"; do echo "$g: [$(cat $g/devices.list | tr '\n' ' ')]"; done; }
w a a/devices.deny
w 'c 1:* rw' a/devices.allow
w 'c 1:5 rw' a/devices.allow
w 'b 8:0 rwm' a/devices.allow
mkdir -p a/b/c
w 'c 1:9 r' a/b/devices.allow
w 'c 1:9 r' a/b/c/devices.allow
show a a/b a/b/c
w 'c 1:5 w' a/devices.deny
show a a/b a/b/c
w 'c 1:* rw' a/devices.deny
show a a/b a/b/c
w 'b 8:0 m' a/b/devices.deny
show a a/b a/b/c
w 'b 8:0 m' a/b/devices.allow
w 'b 8:0 r' a/devices.deny
show a a/b a/b/c
