# /proc/<pid> and task/ belong to the process's effective ids; its other entries go to root while a change of ids keeps it non-dumpable (task_dump_owner)
setpriv --ruid=1000 --euid=2000 --rgid=3000 --egid=4000 --clear-groups sleep 100 &
p=$!
until [ "$(cat /proc/$p/comm)" = sleep ]; do sleep 0.05; done
cd /proc/$p
ls -ldn . cgroup cmdline comm fd mountinfo mounts status task | tr -s ' ' | cut -d' ' -f1,3,4,9
ls -ldn /proc/self /proc/thread-self /proc/cgroups /proc/filesystems /proc/mounts | tr -s ' ' | cut -d' ' -f1,3,4,9
cd /
