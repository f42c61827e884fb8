# a populated cgroup cannot become threaded (EOPNOTSUPP), nor can a child whose parent is populated unless the parent can be a thread root
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p a/c b
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "$1 > $2 -> ok"; else echo "$1 > $2 -> ${e##*: }"; fi; }
sleep 1000 & s=$!
echo "@pid sleeper $s"
echo $s > b/cgroup.procs
w threaded b/cgroup.type
echo "b: $(cat b/cgroup.type)"
echo $s > a/cgroup.procs
w threaded a/c/cgroup.type
echo "a: $(cat a/cgroup.type) a/c: $(cat a/c/cgroup.type)"
echo "a procs [$(cat a/cgroup.procs)]"
