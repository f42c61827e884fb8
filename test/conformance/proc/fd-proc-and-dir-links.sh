# fd links to files of procfs and cgroupfs and to directories show their paths; /proc/self in a path is resolved to the pid
exec 3< /proc/self/status 4< /proc/$$/cgroup 5< /sys/fs/cgroup/systemd/$CGKIT_PREFIX 6< /proc/self
lsfd() { ls -l "$@" | tr -s ' ' | cut -d' ' -f1,9-; }
lsfd /proc/$$/fd/3 /proc/$$/fd/4 /proc/$$/fd/5 /proc/$$/fd/6
head -1 <&3
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir d
exec 7< d
rmdir d
lsfd /proc/$$/fd/7
