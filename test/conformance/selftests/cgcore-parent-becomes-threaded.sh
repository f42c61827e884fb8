# test_cgcore_parent_becomes_threaded: making a child threaded turns its parent into "domain threaded" (a thread root); removing the child makes it a plain domain again
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
types() { echo "$1: prefix=$(cat cgroup.type) parent=$(cat parent/cgroup.type)$([ -d parent/child ] && echo " child=$(cat parent/child/cgroup.type)")"; }
mkdir -p parent/child
types created
w threaded parent/child/cgroup.type
types "child threaded"
rmdir parent/child
types "child removed"
rmdir parent && echo "parent removed"
