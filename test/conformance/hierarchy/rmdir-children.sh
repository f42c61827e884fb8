# rmdir of a cgroup that has child cgroups is EBUSY, however deep and empty they are; rmdir -p removes the chain
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir -p a/b/c a/d
rmdir a || echo "a: $?"
rmdir a/b || echo "a/b: $?"
rmdir a/b/c && echo "a/b/c: ok"
rmdir a || echo "a: $?"
rmdir a/d a/b a && echo "a/d a/b a: ok"
mkdir -p x/y/z
rmdir -p x/y/z && echo "rmdir -p: ok"
ls
