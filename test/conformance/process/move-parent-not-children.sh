# moving a parent does not move its existing children; new children follow the parent
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX && mkdir a b
sh -c 'sleep 1000 & echo "@pid old $!"; echo $$ > ../b/tasks 2>/dev/null; echo $$ > b/tasks; sleep 1000 & echo "@pid new $!"; wait' &
P=$!
echo "@pid parent $P"
sleep 0.5
echo b:
cat b/tasks
echo prefix:
cat tasks > $CGKIT_TMP/t
grep -v -e "^$$\$" -e "^$P\$" $CGKIT_TMP/t | wc -l
kill $P
