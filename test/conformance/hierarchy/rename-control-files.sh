# control files cannot be renamed (ENOTDIR), neither within their cgroup nor to another; mv refuses a file onto a directory itself
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir -p a/sub b
t mv a/tasks a/tasks2
t mv -T a/tasks a/cgroup.procs
t mv a/notify_on_release b/notify_on_release
t mv -T a/tasks a/sub
t mv a/tasks a/sub
t mv a/cgroup.clone_children $CGKIT_TMP/
ls $CGKIT_TMP
ls a
