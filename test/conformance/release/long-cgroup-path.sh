# the agent's argument is the cgroup path cut to PATH_MAX - 1 bytes when it is longer (argc, path length, last component length)
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
printf '#!/bin/sh\nlast=${1##*/}\necho "$# ${#1} ${#last}" >> %s/log\n' "$CGKIT_TMP" > agent
chmod +x agent
echo $CGKIT_TMP/agent > h/release_agent
n=$(printf "%0250d" 0)
cd h
for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16; do mkdir $n$i && cd $n$i; done
echo 1 > notify_on_release
mkdir ${n}17
echo $$ > ${n}17/cgroup.procs
echo $$ > $CGKIT_TMP/h/cgroup.procs
for i in $(seq 50); do [ -s $CGKIT_TMP/log ] && break; sleep 0.1; done
rmdir ${n}17
for i in $(seq 50); do [ $(wc -l < $CGKIT_TMP/log) -ge 2 ] && break; sleep 0.1; done
cd $CGKIT_TMP
cat log
echo > h/release_agent
