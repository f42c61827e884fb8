# the v1 uid rule applies to zombies too: another user's zombie is EACCES, one's own is accepted and stays where it died
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b
chmod 666 a/tasks a/cgroup.procs
mkdir $CGKIT_TMP/z
chmod 777 $CGKIT_TMP/z
zombie() {
	setpriv --reuid=$1 --regid=$1 --clear-groups sh -c 'sleep 0.2 & echo $! > $1; exec sleep 100' sh $CGKIT_TMP/z/$1 &
	until [ -s $CGKIT_TMP/z/$1 ] && grep -q '^State:.Z' /proc/$(cat $CGKIT_TMP/z/$1)/status 2>/dev/null; do sleep 0.05; done
}
zombie 1000
zombie 65534
z1=$(cat $CGKIT_TMP/z/1000)
z2=$(cat $CGKIT_TMP/z/65534)
echo "@pid zombie1000 $z1"
echo "@pid zombie65534 $z2"
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
/bin/echo $1 > a/tasks || echo "other user zombie via tasks: status $?"
/bin/echo $1 > a/cgroup.procs || echo "other user zombie via cgroup.procs: status $?"
/bin/echo $2 > a/tasks && echo "own zombie via tasks: accepted"
/bin/echo $2 > a/cgroup.procs && echo "own zombie via cgroup.procs: accepted"
' sh $z1 $z2
echo "tasks: $(cat a/tasks | wc -l), cgroup.procs: $(cat a/cgroup.procs | wc -l)"
