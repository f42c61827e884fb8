# test_cgcore_lesser_euid_open: a cgroup.procs descriptor opened with effective uid 65534 keeps that uid's rights: a write through it with euid 0 is EACCES (the opener may not write the common ancestor's cgroup.procs)
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a b
echo $$ > a/cgroup.procs
chown 65534 a/cgroup.procs b/cgroup.procs
setpriv --euid=65534 sh -p -c '
exec 3>b/cgroup.procs && echo "b/cgroup.procs opened with euid $(id -u)"
setpriv --euid=0 sh -p -c "if e=\$(/bin/echo 0 2>&1 >&3); then echo \"write with euid \$(id -u) -> ok\"; else echo \"write with euid \$(id -u) -> \${e##*: }\"; fi"
'
echo "shell: $(grep '^0::' /proc/self/cgroup)"
exec 4>b/cgroup.procs
if e=$(/bin/echo 0 2>&1 >&4); then echo "write through root's own descriptor -> ok"; else echo "write through root's own descriptor -> ${e##*: }"; fi
exec 4>&-
echo $$ > cgroup.procs
