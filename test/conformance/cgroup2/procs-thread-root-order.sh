# cgroup.procs of a thread root lists each css_set's processes followed by those of the threaded css_sets tied to it (css_task_iter with CSS_TASK_ITER_THREADED); here the css_sets differ in the v1 cpu hierarchy
U=/sys/fs/cgroup/unified/$CGKIT_PREFIX; C=/sys/fs/cgroup/cpu/$CGKIT_PREFIX
mkdir $U/r $U/r/t $C/x
echo threaded > $U/r/t/cgroup.type
sleep 1000 & a=$!; echo "@pid a $a"
echo $a > $U/r/t/cgroup.procs
sleep 1000 & b=$!; echo "@pid b $b"
echo $b > $C/x/cgroup.procs; echo $b > $U/r/cgroup.procs
sleep 1000 & c=$!; echo "@pid c $c"
echo $c > $U/r/cgroup.procs
sleep 1000 & d=$!; echo "@pid d $d"
echo $d > $C/x/cgroup.procs; echo $d > $U/r/t/cgroup.procs
echo "r procs: $(cat $U/r/cgroup.procs | tr '\n' ' ')"
echo "r threads: $(cat $U/r/cgroup.threads | tr '\n' ' ')"
echo "t threads: $(cat $U/r/t/cgroup.threads | tr '\n' ' ')"
echo $a > $U/r/cgroup.procs
echo "after a moved up: $(cat $U/r/cgroup.procs | tr '\n' ' ')"
kill $a $b $c $d; wait
