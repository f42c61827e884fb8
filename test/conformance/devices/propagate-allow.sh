# devices: a new deny entry of a parent allowing by default reaches every allowing descendant
P=/sys/fs/cgroup/devices/$CGKIT_PREFIX
cd $P
mkdir -p a/b/c a/d
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
acc() {
	echo $$ > "$1/tasks"
	r=-; wr=-; m=-
	( exec 3< "$2" ) 2>"$CGKIT_TMP/err" && r=r
	( exec 3> "$2" ) 2>"$CGKIT_TMP/err" && wr=w
	mknod "$CGKIT_TMP/n" c $3 $4 2>"$CGKIT_TMP/err" && m=m
	rm -f "$CGKIT_TMP/n"
	echo $$ > $P/tasks
	echo "$1 $2: $r$wr$m"
}
w a a/d/devices.deny
w 'c 1:3 rwm' a/d/devices.allow
w 'c 1:5 r' a/d/devices.allow
w 'c 1:3 w' a/devices.deny
for g in a a/b a/b/c a/d; do acc $g /dev/null 1 3; done
echo "a/d: $(cat a/d/devices.list | tr '\n' ' ')"
w 'c 1:3 w' a/devices.allow
for g in a a/b a/b/c; do acc $g /dev/null 1 3; done
w 'c 1:3 w' a/b/devices.allow
w 'c *:* r' a/devices.deny
for g in a a/b a/b/c a/d; do acc $g /dev/zero 1 5; done
echo "a/d: [$(cat a/d/devices.list | tr '\n' ' ')]"
