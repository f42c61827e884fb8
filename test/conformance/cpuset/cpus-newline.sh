# a newline ends the list unless a blank precedes it; leading and trailing whitespace is stripped
cd /sys/fs/cgroup/cpuset/$CGKIT_PREFIX
mkdir a
p() { if e=$(printf "$1" 2>&1 > a/cpuset.cpus); then echo "ok [$(cat a/cpuset.cpus)]"; else echo "${e##*: }"; fi; }
for v in '0\n1' '1\n0' '0 \n1' '0,\n1' '\n1' '\n\n0-1\n\n' '\t1\t' '0\t1' '\n' ' ' '0\v1' '0\f1' '0\r1'; do printf '%s -> ' "$v"; p "$v"; done
