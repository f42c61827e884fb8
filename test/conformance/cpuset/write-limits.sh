# cpuset.cpus takes writes up to 100 + 6 * NR_CPUS bytes (1636 with NR_CPUS 256); a longer one is E2BIG and changes nothing
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a
l() { if e=$(/bin/echo "$(printf "%$(($1 - 1))s" "$2")" 2>&1 > a/cpuset.cpus); then echo "$1 bytes: ok [$(cat a/cpuset.cpus)]"; else echo "$1 bytes: ${e##*: }"; fi; }
l 1636 1
l 1637 0
l 1636 0-1
l 2000 0
echo "cpus: [$(cat a/cpuset.cpus)]"
