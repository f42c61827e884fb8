# cpu.shares: kstrtoull input, clamped to [2, 262144] after the kernel's scale_load shift
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- '$1' ok: $(cat $2)"; else echo "$2 <- '$1' ${e##*: }: $(cat $2)"; fi; }
cd /sys/fs/cgroup/cpu/$CGKIT_PREFIX
mkdir a
for v in 0 1 2 3 1023 1024 262144 262145 99999999999 18014398509481984 18014398509481985 18446744073709551615 18446744073709551616 -1 abc " 5" "5 " 0x10 010 08 +5 ""; do w "$v" a/cpu.shares; done
/usr/bin/printf 77 > a/cpu.shares; cat a/cpu.shares
/usr/bin/printf '88\n\n' > a/cpu.shares || echo failed; cat a/cpu.shares
