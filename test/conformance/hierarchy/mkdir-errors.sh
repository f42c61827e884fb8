# mkdir errors: missing parent, existing cgroup, control-file names, a file as parent, . and .., newline
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
t mkdir x/y
t mkdir a
t mkdir a
t mkdir a/tasks
t mkdir a/cgroup.procs
t mkdir a/notify_on_release
t mkdir a/cgroup.clone_children
t mkdir a/tasks/x
t mkdir a/.
t mkdir a/..
t mkdir "a/b
c"
t mkdir a/b/
t mkdir -p a/b/c/d
t mkdir -p a/b/c/d
t mkdir -p a/tasks/x
ls -R a
