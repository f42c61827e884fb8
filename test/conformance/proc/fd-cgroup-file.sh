# descriptors open on cgroup files link to their cgroupfs paths; after the cgroup's rmdir the file reads ENODEV
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
exec 3<a/tasks 4>a/cgroup.procs
ls -l /proc/$$/fd/3 /proc/$$/fd/4 | tr -s ' ' | cut -d' ' -f1,9-
rmdir a
ls -d a
ls -l /proc/$$/fd/3 | tr -s ' ' | cut -d' ' -f1,9-
cat <&3
echo "read: $?"
/bin/echo 0 >&4
echo "write: $?"
