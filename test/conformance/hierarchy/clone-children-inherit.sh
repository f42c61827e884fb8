# cgroup.clone_children is copied from the parent at mkdir only, at every level, from the root too, and survives a rename
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
cd h
show() { for d; do echo "$d: $(cat $d/cgroup.clone_children)"; done; }
show .
mkdir a
echo 1 > a/cgroup.clone_children
mkdir a/b
echo 0 > a/cgroup.clone_children
mkdir a/c a/b/x
echo 0 > a/b/cgroup.clone_children
mkdir a/b/y
show a a/b a/c a/b/x a/b/y
mv a/b a/renamed
show a/renamed a/renamed/x
echo 1 > cgroup.clone_children
mkdir d d/e
show . d d/e
echo 0 > cgroup.clone_children
show d
