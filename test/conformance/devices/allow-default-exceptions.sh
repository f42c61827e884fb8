# devices: in a cgroup allowing by default, deny entries refuse just their access; allow takes them back
P=/sys/fs/cgroup/devices/$CGKIT_PREFIX
cd $P
mkdir a
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
w 'c 1:3 w' a/devices.deny
w 'c 1:* m' a/devices.deny
echo "list: $(cat a/devices.list)"
acc a /dev/null 1 3
acc a /dev/zero 1 5
w 'c 1:3 w' a/devices.allow
acc a /dev/null 1 3
w 'c 1:3 m' a/devices.allow
acc a /dev/null 1 3
w 'c 1:* m' a/devices.allow
acc a /dev/null 1 3
w 'c *:* rw' a/devices.deny
acc a /dev/null 1 3
w 'c *:* r' a/devices.allow
acc a /dev/zero 1 5
