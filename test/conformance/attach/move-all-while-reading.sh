# moving every listed task out while the shell reads the list (a byte at a time) still visits each pid once, in order
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
for i in 1 2 3 4 5 6 7 8; do sleep 1000 & echo $! > a/tasks; done
n=0
while read -r p; do n=$((n + 1)); echo $p > b/tasks; done < a/tasks
echo "moved $n"
echo "a: $(cat a/tasks | wc -l) b: $(cat b/tasks | wc -l)"
while read -r p; do echo $p > a/cgroup.procs; echo "@pid moved-back $p"; done < b/cgroup.procs
cat a/cgroup.procs | wc -l
exec 3< a/tasks
read -r first <&3
for p in $(cat a/tasks); do echo $p > b/tasks; done
echo "rest of the list after everything moved: $(cat <&3 | wc -l)"
