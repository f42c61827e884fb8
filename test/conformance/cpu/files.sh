# a fresh cpu and cpuacct cgroup: the file names, modes and default contents
for c in cpu cpuacct; do
  cd /sys/fs/cgroup/$c/$CGKIT_PREFIX
  mkdir a
  echo "== $c"
  for f in a/*; do printf '%s %s\n' "$(stat -c %a $f)" "$f"; done
  for f in a/$c.*; do echo "-- $f"; cat $f; done
done
echo "== roots"
ls /sys/fs/cgroup/cpu | grep '^cpu'
ls /sys/fs/cgroup/cpuacct | grep '^cpuacct'
