# a process in a grandchild keeps every ancestor busy: rmdir of the prefix's children fails until the process is gone
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir -p a/b/c a/b2
sleep 1000 &
p=$!
echo $p > a/b/c/cgroup.procs
t rmdir a/b2
t rmdir a
t rmdir a/b
t rmdir a/b/c
cat a/b/c/tasks | wc -l
kill $p
wait $p 2>/dev/null
cat a/b/c/tasks | wc -l
t rmdir a/b/c
t rmdir a/b
t rmdir a
ls
