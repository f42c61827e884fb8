# cgroup.type: only "threaded" is accepted (EINVAL otherwise); a child turning threaded makes its parent "domain threaded"; threaded cannot be undone
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p p/c
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w domain p/c/cgroup.type
w "domain threaded" p/c/cgroup.type
w Threaded p/c/cgroup.type
w "" p/c/cgroup.type
w " threaded " p/c/cgroup.type
echo "p=$(cat p/cgroup.type) c=$(cat p/c/cgroup.type)"
w threaded p/c/cgroup.type
w domain p/c/cgroup.type
echo "p=$(cat p/cgroup.type) c=$(cat p/c/cgroup.type) prefix=$(cat cgroup.type)"
rmdir p/c
echo "after rmdir p=$(cat p/cgroup.type)"
