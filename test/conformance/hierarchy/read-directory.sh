# reading a cgroup directory as a file fails with EISDIR; opening it for writing too
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir a
t cat a
t sh -c 'cat < a'
t head -c 1 a
t sh -c 'read x < a'
t sh -c 'echo x > a'
t sh -c '/bin/echo 0 >> a'
t grep x a
t wc -c a
