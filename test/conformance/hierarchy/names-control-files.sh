# directory names that are control files elsewhere: EEXIST where the file exists, an ordinary cgroup where it does not
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
cd h
t mkdir release_agent
t mkdir cgroup.sane_behavior
t mkdir tasks
mkdir a
t mkdir a/release_agent
t mkdir a/cgroup.sane_behavior
t mkdir a/cgroup.procs
t mkdir a/tasks.d
t mkdir a/notify_on_release
ls -F a
t cat a/release_agent
ls a/release_agent
echo $$ > a/release_agent/tasks && grep name=$CGKIT_PREFIX /proc/self/cgroup
echo $$ > tasks
rmdir a/release_agent a/cgroup.sane_behavior a/tasks.d a
cd /
