# the files of a private named hierarchy's root and of its child, in getdents order (ls -f) and sorted
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
echo "root, ls -f:"; ls -f h
mkdir h/a
echo "child, ls -f:"; ls -f h/a
echo "root after mkdir, ls:"; ls h
