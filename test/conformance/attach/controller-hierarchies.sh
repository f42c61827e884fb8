# moves in controller hierarchies (cpu, cpuacct, devices, freezer, blkio, pids, memory) are independent of each other and of name=systemd
for c in cpu cpuacct devices freezer blkio pids memory; do mkdir /sys/fs/cgroup/$c/$CGKIT_PREFIX/$c-child; done
mkdir /sys/fs/cgroup/systemd/$CGKIT_PREFIX/s
sleep 1000 &
p=$!
echo "@pid sleeper $p"
for c in cpu devices blkio memory; do echo $p > /sys/fs/cgroup/$c/$CGKIT_PREFIX/$c-child/tasks; done
grep '^[1-9]:' /proc/$p/cgroup
for c in cpuacct freezer pids; do echo $p > /sys/fs/cgroup/$c/$CGKIT_PREFIX/$c-child/cgroup.procs; done
echo $p > /sys/fs/cgroup/cpu/$CGKIT_PREFIX/cgroup.procs
echo $p > /sys/fs/cgroup/systemd/$CGKIT_PREFIX/s/tasks
grep '^[0-9]:' /proc/$p/cgroup
for c in cpu cpuacct devices freezer blkio pids memory; do printf "%s: %s\n" $c "$(cat /sys/fs/cgroup/$c/$CGKIT_PREFIX/$c-child/tasks)"; done
