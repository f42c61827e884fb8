# find walks a cgroup tree in getdents order: -type d lists the cgroups, -type f the control files
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir -p t/x/y t/b t/a
find t -type d
find t -type f | wc -l
find t -name tasks
find t -maxdepth 1 -printf '%y %m %n %s %P\n'
find t -empty | wc -l
