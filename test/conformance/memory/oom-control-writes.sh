# oom_control takes 0 or 1 (any base) and shows it as oom_kill_disable; other values are EINVAL
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(head -n1 $2)]"; else echo "'$1' -> ${e##*: } [$(head -n1 $2)]"; fi; }
for v in 1 0 2 -1 abc "" " 1 " 0x1 01 "1 2" +0 oom_kill_disable; do w "$v" a/memory.oom_control; done
cat a/memory.oom_control
