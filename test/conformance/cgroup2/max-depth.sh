# cgroup.max.depth: mkdir deeper than an ancestor allows is EAGAIN; 0 forbids any child; parsing as for max.descendants
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] -> ok: $(cat $2)"; else echo "[$1] -> ${e##*: }"; fi; }
f=a/cgroup.max.depth
for v in 3 0x2 -5 xyz 4294967296 " max" 2; do w "$v" $f; done
m() { if e=$(mkdir "$1" 2>&1); then echo "mkdir $1 -> ok"; else echo "mkdir $1 -> ${e##*: }"; fi; }
m a/b
m a/b/c
m a/b/c/d
m a/e
echo 0 > a/e/cgroup.max.depth
m a/e/f
echo 5 > a/b/c/cgroup.max.depth
m a/b/c/d
echo max > a/cgroup.max.depth
m a/b/c/d
m a/e/f
echo "a: $(cat a/cgroup.max.depth) a/e: $(cat a/e/cgroup.max.depth)"
