# cgroup.event_control wants "<eventfd> <fd> [args]": bad syntax and fds that are no eventfd are EINVAL, closed fds EBADF; it cannot be read
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2" < /dev/null); then echo "'$1' -> ok"; else echo "'$1' -> ${e##*: }"; fi; }
for v in "" 0 abc "0 0" "1 1" "0 0 0" "1 1 1" "-1 -1" "9 9" "9 9 low" "0 9" "1 9" "9" "0x1 1" "1 1x" "1  1"; do
	w "$v" a/cgroup.event_control
done
e=$(cat a/cgroup.event_control 2>&1); echo "read: rc=$? ${e##*: }"
