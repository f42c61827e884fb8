# noprefix is allowed only without controllers other than cpuset: EINVAL with perf_event or all, accepted on a named hierarchy and shown in its options
cd $CGKIT_TMP
mkdir x y
for o in noprefix,perf_event noprefix,all noprefix,perf_event,name=$CGKIT_PREFIX-9 noprefix,none,name=$CGKIT_PREFIX-1; do
	if err=$(mount -t cgroup -o $o src x 2>&1); then echo "$o: mounted"; else echo "$o: $(echo "$err" | head -n1 | sed 's/^mount: [^:]*: //')"; fi
done
grep "$CGKIT_TMP" /proc/self/mounts
ls x
mkdir x/a
ls x/a
mount -t cgroup -o noprefix,cpuset src2 y && echo "noprefix,cpuset: mounted"
grep "$CGKIT_TMP/y" /proc/self/mounts
ls -d y/$CGKIT_PREFIX
