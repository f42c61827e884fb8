# owning a cgroup directory lets a user pass the permission checks but kernfs still refuses new files (EACCES), unlinks (EPERM) and links
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
chown 65534:65534 a
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
touch a/newfile || echo "create: status $?"
true > a/other || echo "redirect: status $?"
rm -f a/tasks || echo "unlink: status $?"
ln -s tasks a/link || echo "symlink: status $?"
ln a/tasks a/hard || echo "hard link: status $?"
mv a/tasks a/renamed || echo "rename of a file: status $?"
'
ls a
