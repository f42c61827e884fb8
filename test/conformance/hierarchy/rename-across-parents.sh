# a cgroup cannot move to another parent (EIO), not even one level up or down; a cgroup's name can be reused meanwhile
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir -p a/x b c
t mv a/x b/x
t mv a/x b
t mv a/x x
t mv c a/c
t mv -T a/x b/y
t mv a/x a/../a/y
ls -R
