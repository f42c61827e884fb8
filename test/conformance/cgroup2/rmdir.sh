# rmdir of a cgroup2 group: populated or with children is EBUSY; a cgroup holding only a zombie can go; names with a newline are EINVAL
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p a/b c
r() { if e=$(rmdir "$1" 2>&1); then echo "rmdir $1 -> ok"; else echo "rmdir $1 -> ${e##*: }"; fi; }
r a
sleep 1000 & p=$!
echo $p > c/cgroup.procs
r c
echo "c procs: $(wc -l < c/cgroup.procs)"
kill $p; wait $p 2>/dev/null
r c
mkdir z
sh -c 'echo $$ > z/cgroup.procs; sleep 0.1 & echo $! > $CGKIT_TMP/zpid; exec sleep 1000' &
q=$!
while [ ! -s $CGKIT_TMP/zpid ]; do sleep 0.01; done
read zp < $CGKIT_TMP/zpid
until grep -q '^State:.Z' /proc/$zp/status; do sleep 0.05; done
echo $q > cgroup.procs
echo "z procs [$(cat z/cgroup.procs)] $(grep populated z/cgroup.events)"
r z
echo "zombie's cgroup: $(grep '^0::' /proc/$zp/cgroup)"
kill $q; wait $q 2>/dev/null
r a/b
r a
r a
if e=$(mkdir "$(printf 'x\ny')" 2>&1); then echo "mkdir newline -> ok"; else echo "mkdir newline -> ${e##*: }"; fi
if e=$(mkdir "x y" 2>&1); then echo "mkdir space -> ok"; else echo "mkdir space -> ${e##*: }"; fi
if e=$(mkdir "cgroup.procs" 2>&1); then echo "mkdir cgroup.procs -> ok"; else echo "mkdir cgroup.procs -> ${e##*: }"; fi
if e=$(mkdir "cgroup.new" 2>&1); then echo "mkdir cgroup.new -> ok"; else echo "mkdir cgroup.new -> ${e##*: }"; fi
ls -d x* cgroup.new 2>/dev/null
if e=$(rmdir cgroup.procs 2>&1); then echo "rmdir cgroup.procs -> ok"; else echo "rmdir cgroup.procs -> ${e##*: }"; fi
