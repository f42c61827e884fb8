# the root field of cgroup mounts in mountinfo is relative to the reader's cgroup namespace root: /.. per level for a mount root above it
cd /sys/fs/cgroup
mkdir systemd/$CGKIT_PREFIX/a systemd/$CGKIT_PREFIX/a/b
echo $$ > systemd/$CGKIT_PREFIX/a/b/tasks
pattern=' /sys/fs/cgroup/(systemd|pids|unified) '
echo "outside:"
grep -E "$pattern" /proc/self/mountinfo | cut -d' ' -f4,5 | sort -u
echo "inside, rooted at a/b on systemd and at the prefix elsewhere:"
unshare --cgroup grep -E "$pattern" /proc/self/mountinfo | cut -d' ' -f4,5 | sort -u
echo "the reader decides: the inside process's mountinfo read from outside:"
unshare --cgroup sleep 100 & s=$!
echo "@pid sleeper $s"
until [ "$(cat /proc/$s/comm)" = sleep ]; do sleep 0.05; done
grep -E "$pattern" /proc/$s/mountinfo | cut -d' ' -f4,5 | sort -u
echo "and the outside shell's mountinfo read from inside:"
unshare --cgroup grep -E "$pattern" /proc/$$/mountinfo | cut -d' ' -f4,5 | sort -u
kill $s
