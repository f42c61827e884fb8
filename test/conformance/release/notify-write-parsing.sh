# notify_on_release takes an unsigned number (kstrtoull, base 0, one trailing newline); any nonzero value reads back as 1
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
f=h/a/notify_on_release
for v in 1 0 2 0x10 0 010 00 18446744073709551615 0 +1 0 -1 " 1" "1 " abc 1x 0x 18446744073709551616 ""; do
	/bin/echo "$v" > $f && r=ok || r=rejected
	echo "'$v': $r, reads $(cat $f)"
done
printf 1 > $f && echo "no newline -> $(cat $f)"
printf '0\n\n' > $f || echo "two newlines rejected, still $(cat $f)"
