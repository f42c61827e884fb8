# whitespace around a pid is stripped (spaces, tabs, newlines, CR, VT, FF on either side); inside it is EINVAL
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
sleep 1000 &
p=$!
echo "@pid sleeper $p"
w() {
	echo $p > tasks
	if e=$(/usr/bin/printf "$1" 2>&1 > "$2"); then r=ok; else r=${e##*: }; fi
	echo "'$1' -> $r: $(grep name=systemd /proc/$p/cgroup)"
}
for v in " $p" "$p " "\\t$p\\n" "$p\\n\\n" "\\n$p" "\\r$p\\r" "\\v\\f$p" "  $p  \\n  "; do
	w "$v" a/tasks
	w "$v" b/cgroup.procs
done
w "${p%?} ${p#????}" a/tasks
w "$p\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t" a/tasks
