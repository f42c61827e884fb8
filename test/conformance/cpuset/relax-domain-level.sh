# sched_relax_domain_level is an s64 from -1 to one above the deepest sched domain level (2 on a 2-CPU single-package machine); other values are EINVAL
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
for v in -1 0 1 2 3 4 -2 0x2 -0x1 abc "" 9223372036854775808 -9223372036854775809 -1; do w "$v" a/cpuset.sched_relax_domain_level; echo "  -> [$(cat a/cpuset.sched_relax_domain_level)]"; done
