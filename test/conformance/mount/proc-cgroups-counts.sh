# /proc/cgroups: a controller mounted on a new hierarchy shows its id and counts that hierarchy's cgroups, root included
cd $CGKIT_TMP
mkdir p
mount -t cgroup -o perf_event cgroup p
grep '^perf_event' /proc/cgroups
mkdir p/a p/b p/a/c
grep '^perf_event' /proc/cgroups
rmdir p/a/c p/b
for i in $(seq 50); do [ "$(grep '^perf_event' /proc/cgroups | cut -f3)" = 2 ] && break; sleep 0.1; done
grep '^perf_event' /proc/cgroups
ls p
grep ':perf_event:' /proc/self/cgroup
