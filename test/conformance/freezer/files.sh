# freezer files: none on the root, three on a child with their modes and defaults
cd /sys/fs/cgroup/freezer
ls | grep '^freezer\.' || echo "root: no freezer files"
mkdir $CGKIT_PREFIX/a
ls -l $CGKIT_PREFIX/a | grep ' freezer\.' | while read m n u g s rest; do echo "$m ${rest##* }"; done
for f in state self_freezing parent_freezing; do echo "freezer.$f=[$(cat $CGKIT_PREFIX/a/freezer.$f)]"; done
