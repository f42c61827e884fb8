# a cgroup directory's mode governs others: without x they reach no file in it, with x alone they open files but cannot list it
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
echo $$ > a/tasks
echo $$ > tasks
try() {
	chmod $1 a
	echo "mode $1"
	setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
	cat a/notify_on_release || echo "cat: status $?"
	ls a || echo "ls: status $?"
	cd a && echo "cd: done"
	'
}
try 700
try 711
try 744
try 755
