# bad cpuset.cpus writes: ERANGE past the last CPU, EOVERFLOW past 32 bits, EINVAL for bad syntax or regions; the old value stays
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] > $2: ok"; else echo "[$1] > $2: ${e##*: }"; fi; }
w 1 a/cpuset.cpus
for v in 2 3 0-2 255 256 1023 4294967294 4294967295 4294967296 99999999999999999999 abc x0 0x1 0- -1 -0 1-0 0-1- 0-1:2/1 0-1:1/0 0-1:1 0-1:1/ 0-1/2 "0-1:1/2x" 0:1/2 "0;1" "0-1,x" "0.5" "+1" all- alll "N-0" "0 - 1"; do w "$v" a/cpuset.cpus; done
echo "cpus: [$(cat a/cpuset.cpus)]"
