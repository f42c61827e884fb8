# cgroup.subtree_control without controllers: unknown names and missing +/- are EINVAL, a controller the parent does not offer is ENOENT, no-ops succeed
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p a/b
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2 -> ok"; else echo "[$1] > $2 -> ${e##*: }"; fi; }
w +memory cgroup.subtree_control
w +hugetlb cgroup.subtree_control
w +cpu a/cgroup.subtree_control
w +hugetlb a/cgroup.subtree_control
w +nosuch a/cgroup.subtree_control
w memory a/cgroup.subtree_control
w hugetlb a/cgroup.subtree_control
w "+ memory" a/cgroup.subtree_control
w -memory a/cgroup.subtree_control
w -hugetlb a/cgroup.subtree_control
w "" a/cgroup.subtree_control
w "   " a/cgroup.subtree_control
w "-memory -cpu" a/cgroup.subtree_control
w "-memory +nosuch" a/cgroup.subtree_control
w "-memory +memory" a/cgroup.subtree_control
w "+memory -memory" a/cgroup.subtree_control
w +cgroup a/cgroup.subtree_control
w +debug a/cgroup.subtree_control
w +freezer a/cgroup.subtree_control
w +name=systemd a/cgroup.subtree_control
w x a/cgroup.controllers
echo "a controllers [$(cat a/cgroup.controllers)] subtree_control [$(cat a/cgroup.subtree_control)]"
