# moving a process between sibling and nested cgroup2 groups: /proc/PID/cgroup 0:: follows, each group lists it only while it is there
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p a/x b
sleep 1000 & p=$!
echo "@pid sleeper $p"
for g in a b a/x b a; do
  echo $p > $g/cgroup.procs
  echo "$g: $(grep '^0::' /proc/$p/cgroup) a=[$(cat a/cgroup.procs)] x=[$(cat a/x/cgroup.procs)] b=[$(cat b/cgroup.procs)]"
done
echo $p > cgroup.procs
echo "back: $(grep '^0::' /proc/$p/cgroup)"
