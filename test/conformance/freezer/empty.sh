# an empty cgroup freezes at once; freezing twice or thawing a thawed cgroup is fine
cd /sys/fs/cgroup/freezer/$CGKIT_PREFIX
mkdir a
echo FROZEN > a/freezer.state; echo "$(cat a/freezer.state) $(cat a/freezer.self_freezing)"
echo FROZEN > a/freezer.state; echo "$(cat a/freezer.state) $(cat a/freezer.self_freezing)"
echo THAWED > a/freezer.state; echo "$(cat a/freezer.state) $(cat a/freezer.self_freezing)"
echo THAWED > a/freezer.state; echo "$(cat a/freezer.state) $(cat a/freezer.self_freezing)"
echo FROZEN > a/freezer.state
rmdir a && echo "removed while frozen"
