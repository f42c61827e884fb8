# cpu.rt_runtime_us and cpu.rt_period_us below a group without RT runtime: only 0 fits
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- '$1' ok: $(cat $2)"; else echo "$2 <- '$1' ${e##*: }: $(cat $2)"; fi; }
cd /sys/fs/cgroup/cpu/$CGKIT_PREFIX
mkdir a
cat cpu.rt_runtime_us cpu.rt_period_us a/cpu.rt_runtime_us a/cpu.rt_period_us
for v in 0 1000 -1 -5 950000 1000000 2000000 abc 18446744073709551 18446744073709552 9223372036854775807; do w "$v" a/cpu.rt_runtime_us; done
for v in 0 1000 -1 2000000 abc 18446744073709551 18446744073709552 1000000; do w "$v" a/cpu.rt_period_us; done
mkdir a/b
cat a/b/cpu.rt_runtime_us a/b/cpu.rt_period_us
