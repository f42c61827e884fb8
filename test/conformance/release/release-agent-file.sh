# release_agent: empty at first, stores the written path stripped of surrounding whitespace, and an empty write clears it
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
f=h/release_agent
echo "[$(cat $f)]"; wc -c < $f
echo /sbin/agent > $f; echo "[$(cat $f)]"; wc -c < $f
printf '  /a b/c\t \n\n' > $f; echo "[$(cat $f)]"
printf '/x' > $f; echo "[$(cat $f)]"
printf 'not/absolute' > $f; echo "[$(cat $f)]"
echo > $f; echo "[$(cat $f)]"; wc -c < $f
echo /y > $f
printf '   ' > $f; echo "[$(cat $f)]"
ls -l h | grep -E 'release_agent|notify_on_release|sane' | cut -d' ' -f1,3,4
mkdir h/a
ls h/a
cat h/a/release_agent || echo "no release_agent below the root"
