# memory.pressure_level is only for event registration: reading it and writing it are EINVAL
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
e=$(cat a/memory.pressure_level 2>&1); echo "read: rc=$? ${e##*: }"
for v in low medium critical 0; do
	if e=$(/bin/echo "$v" 2>&1 > a/memory.pressure_level); then echo "$v -> ok"; else echo "$v -> ${e##*: }"; fi
done
