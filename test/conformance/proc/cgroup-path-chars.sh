# cgroup paths appear in /proc/<pid>/cgroup byte for byte: spaces, colons, backslashes, tabs, UTF-8 and 255-byte names are not escaped
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
show() {
	grep systemd /proc/self/cgroup | sed "s|^9:name=systemd:/$CGKIT_PREFIX/||" | od -c | sed '$d'
}
for n in "a b" "c:d" 'e\f' "é✓" "-x" "..." "tab	x"; do
	mkdir -- "$n" && echo $$ > "$n/tasks" && show
	echo $$ > tasks
done
long=$(printf '%0255d' 0 | tr 0 x)
mkdir "$long" "$long/$long"
echo $$ > "$long/$long/tasks"
grep systemd /proc/self/cgroup | sed "s|^9:name=systemd:/$CGKIT_PREFIX/||" | wc -c
grep -c "/$long/$long\$" /proc/self/cgroup
echo $$ > tasks
