# no regular files, links, symlinks or fifos can be made in a cgroup directory; cp and mv of outside files fail too
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
t() { if e=$("$@" 2>&1); then echo "$* -> ok"; else echo "$* -> ${e##*: }"; fi; }
mkdir a
echo hello > $CGKIT_TMP/f
t touch a/new
t sh -c ': > a/new'
t sh -c 'echo x >> a/new'
t ln -s tasks a/link
t ln a/tasks a/hard
t ln $CGKIT_TMP/f a/hard
t cp $CGKIT_TMP/f a/
t mv $CGKIT_TMP/f a/
t touch a/tasks
ls a
ls $CGKIT_TMP
