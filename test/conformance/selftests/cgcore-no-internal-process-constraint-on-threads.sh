# test_cgcore_no_internal_process_constraint_on_threads, without cpu (no controller is available below the prefix on this host, so +cpu is refused as the selftest's skip check would find): a threaded parent with a threaded child takes a process through cgroup.procs
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
echo "prefix controllers: [$(cat cgroup.controllers)]"
mkdir -p parent/child
w threaded parent/cgroup.type
w threaded parent/child/cgroup.type
echo "types: prefix=$(cat cgroup.type) parent=$(cat parent/cgroup.type) child=$(cat parent/child/cgroup.type)"
w +cpu parent/cgroup.subtree_control
echo "parent subtree_control: [$(cat parent/cgroup.subtree_control)]"
w $$ parent/cgroup.procs
grep '^0::' /proc/self/cgroup
echo "parent threads: $(wc -l < parent/cgroup.threads)"
cat parent/cgroup.procs 2>&1 | sed 's/.*: //'
w $$ parent/child/cgroup.procs
grep '^0::' /proc/self/cgroup
w $$ cgroup.procs
grep '^0::' /proc/self/cgroup
