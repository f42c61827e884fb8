# rename onto an existing cgroup is EEXIST (mv without -T moves into it: EIO); mv refuses a cgroup onto a control file itself
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir -p a b/c
t mv -T a b
t mv -T a b/../b
t mv a b
t mv -T b/c b/tasks
t mv -T a notify_on_release
ls -R
