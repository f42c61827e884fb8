# with cgroup.clone_children set, a new cpuset starts with its parent's cpus and mems and inherits the flag; without it, empty
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
r() { for f in "$@"; do echo "$f: [$(cat $f)]"; done; }
cat cgroup.clone_children
w 1 cgroup.clone_children
mkdir c
r c/cpuset.cpus c/cpuset.mems c/cpuset.effective_cpus c/cpuset.effective_mems c/cgroup.clone_children
echo 1 > c/cpuset.cpus
mkdir c/d
r c/d/cpuset.cpus c/d/cpuset.mems
echo $$ > c/d/tasks && echo "attached to c/d"
echo $$ > tasks
w 0 c/cgroup.clone_children
mkdir c/e
r c/e/cpuset.cpus c/e/cpuset.mems
w 0 cgroup.clone_children
mkdir f
r f/cpuset.cpus f/cgroup.clone_children
for v in 2 -1 abc ""; do w "$v" f/cgroup.clone_children; done
