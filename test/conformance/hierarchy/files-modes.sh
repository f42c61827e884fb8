# modes, link counts, owners and sizes of cgroup files and directories (root and child of a private hierarchy)
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
echo "root:"; ls -ln h | tr -s ' ' | cut -d' ' -f1,2,3,4,5,9
echo "child:"; ls -ln h/a | tr -s ' ' | cut -d' ' -f1,2,3,4,5,9
echo "dirs:"; ls -lnd h h/a | tr -s ' ' | cut -d' ' -f1,2,3,4,5,9
echo 1 > h/a/notify_on_release
echo $$ > h/a/tasks
echo "sizes after writes:"; ls -ln h/a/notify_on_release h/a/tasks | tr -s ' ' | cut -d' ' -f1,5,9
wc -c h/a/notify_on_release h/a/cgroup.clone_children h/release_agent h/cgroup.sane_behavior
echo $$ > h/tasks
rmdir h/a
