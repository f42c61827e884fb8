# a new cgroup copies its parent's notify_on_release at mkdir; later changes of the parent do not propagate
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
echo 1 > h/a/notify_on_release
mkdir h/a/b h/a/b/c
echo "a/b: $(cat h/a/b/notify_on_release) a/b/c: $(cat h/a/b/c/notify_on_release)"
echo 0 > h/a/notify_on_release
mkdir h/a/d
echo "a: $(cat h/a/notify_on_release) a/b: $(cat h/a/b/notify_on_release) a/d: $(cat h/a/d/notify_on_release)"
echo 0 > h/a/b/notify_on_release
echo "a/b: $(cat h/a/b/notify_on_release) a/b/c: $(cat h/a/b/c/notify_on_release)"
mkdir h/a/b/e
echo "a/b/e: $(cat h/a/b/e/notify_on_release)"
