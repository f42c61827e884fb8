# /proc/<pid>/ns/cgroup: dr-x--x--x directory, cgroup:[4026531835] for the initial namespace, a new number after unshare shared by children, ENOENT for a zombie
ls -ld /proc/self/ns | cut -d' ' -f1
ls /proc/self/ns | grep -x cgroup
init=$(readlink /proc/self/ns/cgroup)
echo "initial: $init"
unshare --cgroup sh -c '
	mine=$(readlink /proc/self/ns/cgroup)
	case $mine in cgroup:\[[0-9]*\]) echo "format ok";; *) echo "bad format: $mine";; esac
	[ "$mine" = "'$init'" ] && echo "same as the initial" || echo "differs from the initial"
	[ "$mine" = "$(readlink /proc/$PPID/ns/cgroup)" ] && echo "same as the parent" || echo "differs from the parent"
	[ "$mine" = "$(sh -c "readlink /proc/self/ns/cgroup")" ] && echo "a child shares it" || echo "a child differs"
	[ "$mine" = "$(unshare --cgroup readlink /proc/self/ns/cgroup)" ] && echo "a nested one is the same" || echo "a nested one differs"
'
f=$CGKIT_TMP/zpid
sh -c 'sleep 0.2 & echo $! > $1; exec sleep 100' sh $f & p=$!
echo "@pid parent $p"
until [ -s $f ] && grep -q '^State:.Z' /proc/$(cat $f)/status 2>/dev/null; do sleep 0.05; done
z=$(cat $f)
echo "@pid zombie $z"
readlink /proc/$z/ns/cgroup; echo "zombie readlink: exit $?"
ls /proc/$z/ns | grep -x cgroup
kill $p
