# times of cgroup files and dirs: touch sets them, an O_TRUNC open updates mtime, mkdir/rmdir update a touched parent's mtime, a rename does not
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
old=$CGKIT_TMP/old
touch -d '2001-02-03 04:05:06' $old
nt() { if [ "$1" -nt $old ]; then echo "$1 newer $2"; else echo "$1 as touched $2"; fi; }
mkdir a
touch -d '2001-02-03 04:05:06' a a/tasks a/notify_on_release a/cgroup.procs
nt a "after touch"
echo $$ > a/tasks
nt a/tasks "after > (O_TRUNC)"
echo 1 >> a/notify_on_release
nt a/notify_on_release "after >> (no O_TRUNC)"
exec 3> a/cgroup.procs
touch -d '2001-02-03 04:05:06' a/cgroup.procs
echo $$ >&3
exec 3>&-
nt a/cgroup.procs "after a write on a descriptor opened earlier"
nt a "after its files were written"
mkdir a/b
nt a "after mkdir a/b"
touch -d '2001-02-03 04:05:06' a
rmdir a/b
nt a "after rmdir a/b"
mkdir a/c
touch -d '2001-02-03 04:05:06' a
mv a/c a/d
nt a "after a rename inside it"
echo $$ > tasks
