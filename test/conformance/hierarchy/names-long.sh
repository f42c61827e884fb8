# cgroup names longer than NAME_MAX: kernfs has no limit of its own; only the 4096-byte path limit of the syscall applies
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
t() { if e=$("$@" 2>&1); then echo "$1 ${#2} chars -> ok"; else echo "$1 ${#2} chars -> ${e##*: }"; fi; }
n() { printf "%${1}s" "" | tr ' ' "$2"; }
t mkdir $(n 255 a)
t mkdir $(n 256 b)
t mkdir $(n 1000 c)
t mkdir $(n 4095 d)
t mkdir $(n 4096 e)
for f in *; do [ -d "$f" ] && echo "${#f} ${f%"${f#?}"}"; done
# the sandbox cannot remove a name this long by its absolute path
t rmdir $(n 4095 d)
t mv $(n 256 b) $(n 3000 f)
ls | wc -L
cd $(n 1000 c) && echo $$ > tasks && grep name=systemd /proc/self/cgroup | wc -c
cd .. && echo $$ > tasks
t rmdir $(n 3000 f)
ls | wc -l
