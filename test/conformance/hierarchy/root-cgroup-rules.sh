# a hierarchy's root cgroup: its directory cannot be removed or renamed (EBUSY), its files not unlinked, and it cannot be left by rmdir
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
t rmdir h
t rmdir h/.
t rmdir h/a/..
t mv h h2
t rm h/release_agent
t rm h/cgroup.sane_behavior
t mv h/release_agent h/a/release_agent
t mkdir h/a/b
t mv h/a/b h/b
ls -ld h | cut -d' ' -f1
chmod 755 h && ls -ld h | cut -d' ' -f1
ls h
