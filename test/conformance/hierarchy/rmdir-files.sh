# removing control files and non-cgroups: rmdir of a file, unlink, rm -r of a cgroup, ENOENT, . and ..
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir -p a/b
t rmdir a/tasks
t rm a/tasks
t rm -f a/cgroup.procs
t rm -r a/b
t rm -rf a
t rmdir nonexistent
t rmdir a/b/.
t rmdir a/b/..
t rm -d a/b
ls a
t rmdir a
