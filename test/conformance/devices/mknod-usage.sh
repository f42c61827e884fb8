# mknod: operand checks, device numbers, modes and the node types b c u p
cd $CGKIT_TMP
m() { echo "mknod $*"; mknod "$@"; echo "[exit $?]"; }
m
m n
m n c
m n c 1
m n p 1
m n p 1 2
m n c 1 2 3
m n x 1 2
m n x
m n c x 1
m n c 1 x
m n c -1 1
m n c 4294967296 1
m n c 1 4294967296
m n c 4294967295 4294967295
m n c '' 1
m n c 1+ 1
m -m zz n c 1 3
m -m 4755 n c 1 3
m n c 0x1 010
m -m 0640 n2 c 1 3
m -m g+w n3 b 7 0
m n2 c 1 3
m nodir/x p
m n5 character 1 3
m n6 u 1 3
m -m 600 p1 p
m p2 pipe
m p3 pipe 1 2
umask 077
m p4 p
m -m a=rw p5 p
stat -c '%A %t:%T %n' n n2 n3 n5 n6 p1 p2 p4 p5
