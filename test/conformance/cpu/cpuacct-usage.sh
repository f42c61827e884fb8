# cpuacct.usage takes only 0 (a reset); the other cpuacct files refuse writes
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$2 <- '$1' ok: $(cat $2)"; else echo "$2 <- '$1' ${e##*: }: $(cat $2)"; fi; }
cd /sys/fs/cgroup/cpuacct/$CGKIT_PREFIX
mkdir a
for v in 1 0 -1 abc " 0" "0 " 00 0x0 ""; do w "$v" a/cpuacct.usage; done
for f in usage_user usage_sys usage_percpu usage_all stat; do w 0 a/cpuacct.$f; done
