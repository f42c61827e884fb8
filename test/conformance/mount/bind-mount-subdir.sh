# a bind mount of a cgroup directory: mountinfo names it by its path in the hierarchy, it shares the cgroups, remount,bind,ro is per mount, and the directory can still be removed
cd $CGKIT_TMP
mkdir h b
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a h/a/c
mount --bind h/a b && echo bound
grep "$CGKIT_TMP" /proc/self/mountinfo | cut -d' ' -f4-
ls b
mkdir b/d && ls -d h/a/d
mount -o remount,bind,ro b && echo "remount,bind,ro: ok"
grep "$CGKIT_TMP" /proc/self/mountinfo | cut -d' ' -f4-
mkdir b/e
mkdir h/a/e && ls -d b/e
echo $$ > h/a/c/cgroup.procs
cat b/c/tasks | grep -c "^$$\$"
echo $$ > h/cgroup.procs
rmdir h/a/c h/a/d h/a/e
rmdir h/a && echo "rmdir of the bound directory: ok"
grep "$CGKIT_TMP/b" /proc/self/mountinfo | cut -d' ' -f4-
ls b
