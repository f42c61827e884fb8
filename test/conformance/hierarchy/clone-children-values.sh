# values cgroup.clone_children accepts and refuses: kstrtoull base 0 with one trailing newline, no other whitespace; any nonzero reads 1
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
f=h/a/cgroup.clone_children
for v in 1 0 2 -1 '1 ' ' 1' abc '\n' 0x10 010 08 +1 '1\n\n' 18446744073709551615 18446744073709551616 1.5 '1 1' '\t1' 0x '1\0junk'; do
	echo 0 > $f
	/usr/bin/printf "$v" > $f 2>$CGKIT_TMP/err && r=ok || r=$(sed 's/.*: //' $CGKIT_TMP/err)
	printf "'%s' -> %s, reads %s\n" "$v" "$r" "$(cat $f)"
done
cat h/cgroup.clone_children
