# a process sits in independent cgroups of name=systemd and two private hierarchies; a move in one leaves the others
cd $CGKIT_TMP
mkdir h1 h2
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h1
mount -t cgroup -o none,name=$CGKIT_PREFIX-2 cgroup h2
mkdir h1/x h1/y h2/x
S=/sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir $S/x
sleep 1000 &
p=$!
echo "@pid sleeper $p"
show() { echo "$1:"; grep -e name=systemd -e name=$CGKIT_PREFIX /proc/$p/cgroup; }
show "at start"
echo $p > h1/x/tasks; show "h1/x"
echo $p > h2/x/cgroup.procs; show "h2/x"
echo $p > $S/x/tasks; show "systemd x"
echo $p > h1/y/tasks; show "h1/y"
echo $p > h2/cgroup.procs; show "h2 root"
echo "h1/x: [$(cat h1/x/tasks)] h1/y: [$(cat h1/y/tasks)] h2/x: [$(cat h2/x/tasks)] $S/x: [$(cat $S/x/tasks)]"
