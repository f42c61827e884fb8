# exec sets comm to the first 15 bytes of the executed file's name as given (a symlink's own name, not its target's)
ln -s /bin/sleep $CGKIT_TMP/napper
ln -s /bin/sleep $CGKIT_TMP/a-very-long-program-name
started() { until [ "$(cat /proc/$1/comm)" != sh ]; do sleep 0.05; done; }
$CGKIT_TMP/napper 100 &
started $!
echo "napper: $(cat /proc/$!/comm)"
$CGKIT_TMP/a-very-long-program-name 100 &
started $!
echo "long: $(cat /proc/$!/comm)"
grep Name /proc/$!/status
cat /proc/self/comm
sh -c 'cat /proc/$$/comm; exec cat /proc/self/comm'
(cat /proc/self/comm)
echo "subshell: $(cat /proc/$$/comm)"
