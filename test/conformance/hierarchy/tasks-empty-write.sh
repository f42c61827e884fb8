# opening tasks and cgroup.procs for writing and writing nothing moves nothing; a lone newline or blank is EINVAL
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
w() { if e=$(/usr/bin/printf "$1" 2>&1 >"$2"); then echo "'$1' > $2 -> ok"; else echo "'$1' > $2 -> ${e##*: }"; fi; }
mkdir a
: > a/tasks && echo ": > tasks: ok"
: > a/cgroup.procs && echo ": > cgroup.procs: ok"
: >> a/tasks && echo ": >> tasks: ok"
exec 3<> a/tasks && echo "open read-write: ok"
exec 3>&-
w '\\n' a/tasks
w ' ' a/tasks
w '\\t\\n' a/cgroup.procs
echo "tasks:"; cat a/tasks
echo $$ >> a/tasks && echo "append mode: ok"
grep name=systemd /proc/self/cgroup
echo $$ > tasks
