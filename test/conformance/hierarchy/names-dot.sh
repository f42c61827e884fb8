# dot-prefixed cgroups are hidden from ls but not from ls -a; "..." is an ordinary name
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a a/.hidden a/... a/.x.y
echo "ls:"; ls a
echo "ls -a:"; ls -a a
echo "ls -A:"; ls -A a
echo $$ > a/.../tasks && grep name=systemd /proc/self/cgroup
echo $$ > a/.hidden/tasks && grep name=systemd /proc/self/cgroup
echo $$ > tasks
ls -a a/... | head -3
