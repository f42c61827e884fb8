# force_empty takes any write, with or without tasks in the cgroup, and cannot be read
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- [$1] ok"; else echo "$2 <- [$1] ${e##*: }"; fi; }
for v in 0 1 abc "" -1; do w "$v" a/memory.force_empty; done
sleep 100 & p=$!
echo $p > a/tasks
w 0 a/memory.force_empty
echo "tasks: $(cat a/tasks | wc -l)"
e=$(cat a/memory.force_empty 2>&1); echo "read: rc=$? ${e##*: }"
kill $p; wait $p; echo "sleep: rc=$?"
