# on v1 effective_cpus and effective_mems equal cpus and mems, down a nested tree, as they change
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a a/b a/b/c
r() { for f in "$@"; do echo "$f: [$(cat $f)]"; done; }
for d in a a/b a/b/c; do echo 0-1 > $d/cpuset.cpus; echo 0 > $d/cpuset.mems; done
r a/b/c/cpuset.effective_cpus a/b/c/cpuset.effective_mems
echo 1 > a/b/c/cpuset.cpus
echo 1 > a/b/cpuset.cpus
r a/cpuset.effective_cpus a/b/cpuset.effective_cpus a/b/c/cpuset.effective_cpus
echo > a/b/c/cpuset.cpus
echo > a/b/c/cpuset.mems
r a/b/c/cpuset.effective_cpus a/b/c/cpuset.effective_mems
