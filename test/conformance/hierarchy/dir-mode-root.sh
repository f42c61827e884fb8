# a cgroup directory with mode 000 stops nothing root does: listing, entering, reading and writing its files, making and removing children
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chmod 000 a
ls -lnd a | cut -d' ' -f1
ls a | wc -l
cat a/notify_on_release
echo 1 > a/cgroup.clone_children && cat a/cgroup.clone_children
mkdir a/b && echo "mkdir in a mode 000 directory: ok"
chmod 000 a/b
echo $$ > a/b/tasks && grep name=systemd /proc/self/cgroup
cd a/b && echo "cd: ok" && ls | wc -l
echo $$ > ../../tasks
cd ../..
rmdir a/b && echo "rmdir in a mode 000 directory: ok"
mv a z && echo "rename of a mode 000 directory: ok"
ls -ln z | tr -s ' ' | cut -d' ' -f1,9
