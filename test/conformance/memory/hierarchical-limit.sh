# memory.stat's hierarchical limits are the smallest limit on the way to the root; a child may set a larger limit than its parent
cd /sys/fs/cgroup/memory/$CGKIT_PREFIX
mkdir -p a/b/c
hl() { echo "$1: $(grep '^hierarchical' $1/memory.stat | tr '\n' ' ')"; }
hl a; hl a/b/c
echo 100M > a/memory.limit_in_bytes
echo 200M > a/memory.memsw.limit_in_bytes
hl a; hl a/b; hl a/b/c
echo 300M > a/b/memory.limit_in_bytes && echo "b limit above a: $(cat a/b/memory.limit_in_bytes)"
echo 50M > a/b/c/memory.limit_in_bytes
echo 60M > a/b/c/memory.memsw.limit_in_bytes
hl a/b; hl a/b/c
echo -1 > a/memory.memsw.limit_in_bytes
echo -1 > a/memory.limit_in_bytes
hl a; hl a/b
rmdir a/b 2>&1 | sed "s|.*: |rmdir a/b with a child -> |"
