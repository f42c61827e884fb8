# /proc/<pid>/cgroup for names that are no live pid: zero, leading zeros, signs, spaces, junk, pids beyond any pid_max (all ENOENT)
for p in 0 00 0$$ +$$ -1 abc 99999 4194305 " $$" "$$ " "$$.0"; do
	echo "[$p] -> $(cat "/proc/$p/cgroup" 2>&1 | sed 's/.*: //' | head -1)"
done
echo "slash -> $(grep -c . "/proc/$$/cgroup/" 2>&1 | sed 's/.*: //')"
echo "double slash -> $(grep -c "$CGKIT_PREFIX" /proc/$$//cgroup)"
echo "dot -> $(grep -c "$CGKIT_PREFIX" /proc/$$/./cgroup)"
