# cpuset.cpus takes the kernel's cpulist syntax: ranges, commas and blanks in any order and number, all, N, and range:used/group patterns
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
for v in 0 1 0-1 1,0 " 0 " 0,,1 "0 1" ",1" "1 ,0" 01 000 all ALL All N 0-N N-N 0-1:1/2 all:1/2 0-1:0/2 0-1:2/2 1-1 "0-0,1-1" ""; do w "$v" a/cpuset.cpus; echo "  -> [$(cat a/cpuset.cpus)]"; done
