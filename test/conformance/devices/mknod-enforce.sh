# devices: mknod of a character or block node needs m (EPERM); FIFOs, regular files and the 0:0 whiteout do not
P=/sys/fs/cgroup/devices/$CGKIT_PREFIX
cd $P
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
w a a/devices.deny
w 'c 1:5 m' a/devices.allow
w 'b 7:* m' a/devices.allow
cd $CGKIT_TMP
echo $$ > $P/a/tasks
mknod n1 c 1 3; echo "c 1 3: $?"
mknod n2 c 1 5; echo "c 1 5: $?"
mknod n3 b 7 0; echo "b 7 0: $?"
mknod n4 b 1 5; echo "b 1 5: $?"
mknod n5 c 0 0; echo "c 0 0: $?"
mknod n6 b 0 0; echo "b 0 0: $?"
mknod n7 p; echo "p: $?"
mknod -m 600 n8 u 1 5; echo "u 1 5: $?"
: > n9; echo "regular: $?"
cat n2; echo "read the node it made: $?"
echo $$ > $P/tasks
stat -c '%A %t:%T %n' n*
