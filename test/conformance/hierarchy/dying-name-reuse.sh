# a removed cgroup that stays dying (its zombie unreaped) frees its name and its parent's link count at once
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir -p p/z p/other
sh -c 'echo $$ > p/z/cgroup.procs; sleep 0.1 & echo $! > '$CGKIT_TMP'/zpid; exec sleep 1000' &
q=$!
echo "@pid parent $q"
while [ ! -s $CGKIT_TMP/zpid ]; do sleep 0.01; done
read z < $CGKIT_TMP/zpid
echo "@pid zombie $z"
until grep -q '^State:.Z' /proc/$z/status; do sleep 0.05; done
echo $q > cgroup.procs
echo "links before: $(ls -lnd p | tr -s ' ' | cut -d' ' -f2)"
rmdir p/z && echo "removed while its zombie lives"
echo "links after: $(ls -lnd p | tr -s ' ' | cut -d' ' -f2)"
ls p
mkdir p/z && echo "name made again"
rmdir p/z
mv p/other p/z && echo "name taken by a rename"
ls p
kill $q
wait $q 2>/dev/null
