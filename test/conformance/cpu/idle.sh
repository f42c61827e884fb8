# cpu.idle: 0 or 1; an idle group weighs 3 (cpu.shares reads 3, refuses writes), leaving idle restores 1024
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- '$1' ok: $(cat $2)"; else echo "$2 <- '$1' ${e##*: }: $(cat $2)"; fi; }
cd /sys/fs/cgroup/cpu/$CGKIT_PREFIX
mkdir a a/b
echo 500 > a/cpu.shares
for v in 2 -1 abc 1 1 0 1; do w "$v" a/cpu.idle; done
cat a/cpu.shares a/b/cpu.idle a/b/cpu.shares
w 100 a/cpu.shares
w 0 a/cpu.idle
cat a/cpu.shares
w 700 a/cpu.shares
