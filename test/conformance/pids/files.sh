# pids files: none on the root, four on a child with their modes and defaults
cd /sys/fs/cgroup/pids
ls | grep '^pids\.' || echo "root: no pids files"
ls $CGKIT_PREFIX | grep '^pids\.'
mkdir $CGKIT_PREFIX/a
ls -l $CGKIT_PREFIX/a | grep ' pids\.' | while read m n u g s rest; do echo "$m ${rest##* }"; done
for f in max current peak events; do echo "pids.$f=[$(cat $CGKIT_PREFIX/a/pids.$f)]"; done
