# test_cgcore_lesser_ns_open, on a cgroup2 mount without nsdelegate (this host's; the selftest skips there): a cgroup namespace is no delegation boundary, so a descriptor opened inside a namespace rooted at b moves a process that sits in a outside it
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir a b
chown 65534 a/cgroup.procs b/cgroup.procs
echo $$ > b/cgroup.procs
exec 4>a/cgroup.procs
unshare -C sh -c '
exec 3>b/cgroup.procs && echo "opened b/cgroup.procs in a namespace rooted at b: $(grep "^0::" /proc/self/cgroup)"
echo $$ > $CGKIT_TMP/ready
i=0; while [ ! -e $CGKIT_TMP/moved ] && [ $i -lt 100 ]; do i=$((i+1)); sleep 0.02; done
echo "moved by the parent: $(grep "^0::" /proc/self/cgroup)"
if e=$(/bin/echo $$ 2>&1 >&3); then echo "write through the namespace descriptor -> ok"; else echo "write through the namespace descriptor -> ${e##*: }"; fi
echo "after: $(grep "^0::" /proc/self/cgroup)"
if e=$(/bin/echo $$ 2>&1 >&4); then echo "write through the descriptor opened outside -> ok"; else echo "write through the descriptor opened outside -> ${e##*: }"; fi
echo "after: $(grep "^0::" /proc/self/cgroup)"
w() { if e=$(/bin/echo $$ 2>&1 > "$1"); then echo "$1 opened inside -> ok"; else echo "$1 opened inside -> ${e##*: }"; fi; }
w b/cgroup.procs
echo "after: $(grep "^0::" /proc/self/cgroup)"
' & p=$!
i=0; until [ -s $CGKIT_TMP/ready ] || [ $i -ge 100 ]; do i=$((i+1)); sleep 0.02; done
echo "@pid nsshell $p"
echo $p > a/cgroup.procs && echo "parent moved it to a"
: > $CGKIT_TMP/moved
wait $p 2>/dev/null; echo "wait=$?"
exec 4>&-
echo $$ > cgroup.procs
