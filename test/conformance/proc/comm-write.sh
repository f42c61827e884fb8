# writing /proc/self/comm renames the thread: at most 15 bytes are kept, a trailing newline too, and status's Name escapes it
echo "shell: $(cat /proc/$$/comm)"
printf worker > /proc/$$/comm
cat /proc/$$/comm
grep Name /proc/$$/status
echo renamed > /proc/$$/comm
od -c /proc/$$/comm | sed '$d'
grep Name /proc/$$/status
printf 'abcdefghijklmnopqrstuvwxyz' > /proc/$$/comm
cat /proc/$$/comm
printf 'a\\b' > /proc/$$/comm
grep Name /proc/$$/status
cat /proc/$$/comm
printf '' > /proc/$$/comm
od -c /proc/$$/comm | sed '$d'
sh -c 'cat /proc/$PPID/comm'
