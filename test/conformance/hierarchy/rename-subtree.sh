# rename into its own subtree is EINVAL and onto an ancestor ENOTEMPTY (the VFS checks before the cgroup's parent rule)
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir -p a/b/c
t mv -T a a/b/x
t mv -T a a/b/c/x
t mv -T a/b/c a
t mv -T a/b a
t mv -T a/b/c a/b
t mv -T a/b/c $CGKIT_TMP/c
ls -R a
