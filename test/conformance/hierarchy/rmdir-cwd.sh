# the working directory can be rmdir'ed: it reads as empty afterwards and nothing can be made in it
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir a
cd a
t rmdir ../a
echo "ls:"; ls
echo "ls -a:"; ls -a; echo "status $?"
t cat tasks
t mkdir b
t /bin/echo 0 > tasks
cd ..
ls
