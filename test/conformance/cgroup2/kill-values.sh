# cgroup.kill accepts only 1 (base 0: 0x1 too), other numbers ERANGE, garbage EINVAL; reading it is EINVAL; in a threaded cgroup it is EOPNOTSUPP
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p a/t
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2 -> ok"; else echo "[$1] > $2 -> ${e##*: }"; fi; }
for v in 0 2 -1 abc "" 1x " 1 " 0x1 01; do w "$v" a/cgroup.kill; done
cat a/cgroup.kill || echo "read failed"
echo threaded > a/t/cgroup.type
w 1 a/t/cgroup.kill
w 0 a/t/cgroup.kill
w 1 a/cgroup.kill
echo "a: $(cat a/cgroup.type)"
