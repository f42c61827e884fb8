# cgroup.max.descendants: mkdir past the limit of any ancestor is EAGAIN; "max" and base-0 numbers parse, negatives are ERANGE, garbage EINVAL
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] -> ok: $(cat $2)"; else echo "[$1] -> ${e##*: }"; fi; }
f=a/cgroup.max.descendants
for v in 5 0x10 010 " 7 " -1 abc 2147483647 2147483648 99999999999 "" 1.5 MAX max 08 +3 2; do w "$v" $f; done
m() { if e=$(mkdir "$1" 2>&1); then echo "mkdir $1 -> ok"; else echo "mkdir $1 -> ${e##*: }"; fi; }
m a/x
m a/x/y
m a/z
m a/x/y/z
echo "stat: $(grep '^nr_descendants' a/cgroup.stat)"
echo 0 > a/x/cgroup.max.descendants
m a/x/w
rmdir a/x/y
echo 1 > a/x/cgroup.max.descendants
m a/x/w
m a/v
echo max > a/cgroup.max.descendants
m a/v
echo "a: $(cat a/cgroup.max.descendants) a/x: $(cat a/x/cgroup.max.descendants)"
