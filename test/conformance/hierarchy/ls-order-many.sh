# getdents order of 80 sibling cgroups with assorted names (kernfs name hash, collisions broken by name) and of their parent's files
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir d && cd d
for i in $(seq 0 39); do mkdir c$i; done
for n in a b c A B C aa ab ba zz z0 0z 00 000 0000 . .. ... a.b a-b a_b 'a b' é ü 日本 x1y x2y xyz zyx cgroup cgroups tasks0 procs release notify clone_children 1 22 333 4444 55555; do
	mkdir -- "$n" 2>/dev/null
done
ls -f | wc -l
ls -f | tr '\n' ' '
echo
ls -fr 2>/dev/null | head -3
