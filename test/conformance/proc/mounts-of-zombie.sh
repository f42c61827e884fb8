# /proc/<pid>/mounts and mountinfo of a zombie are EINVAL (it has no mount namespace left), as cgkit fuzz --host found
sh -c 'sleep 0.2 & echo $! > z; exec sleep 100' &
until [ -s z ] && grep -q '^State:.Z' /proc/$(cat z)/status 2>/dev/null; do sleep 0.05; done
z=$(cat z)
echo "@pid zombie $z"
cat /proc/$z/mountinfo > /dev/null
cat /proc/$z/mounts > /dev/null
cat /proc/$z/cgroup
grep -c . /proc/$$/mounts > /dev/null && echo own mounts readable
