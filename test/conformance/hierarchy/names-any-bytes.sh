# any byte but '/' and NUL (and newline) makes a valid cgroup name: spaces, tabs, control bytes, backslashes, invalid UTF-8; ls lists them raw
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir d && cd d
for n in 'a b' 'x:y' "$(printf 't\tu')" 'back\slash' '-dash' '*' "$(printf 'c\001d')" "$(printf 'r\rs')" 'é€' '%s' 'a b ' ' ' "$(printf '\377\376')" "$(printf '\033[0m')" '$HOME' '"q"'; do
	mkdir -- "$n" || echo "refused"
done
ls | od -An -c
ls | wc -l
echo $$ > "$(printf '\377\376')/tasks" && grep -c name=systemd /proc/self/cgroup
echo $$ > ../tasks
