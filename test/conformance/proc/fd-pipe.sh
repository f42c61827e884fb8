# a pipe shows as pipe:[inode] in /proc/<pid>/fd, the same inode at the writer's stdout and the reader's stdin, another for the next pipe
sleep 100 | sleep 101 &
sleep 102 | sleep 103 &
for n in 100 101 102 103; do
	until p=$(pgrep -x -f "sleep $n"); do sleep 0.05; done
	eval "p$n=$p"
done
link() { ls -l /proc/$1/fd/$2 | sed 's/.* -> //'; }
link $p100 1 | sed 's/[0-9][0-9]*/N/'
ls -l /proc/$p100/fd/1 /proc/$p101/fd/0 | cut -c1-10
[ "$(link $p100 1)" = "$(link $p101 0)" ] && echo "same pipe at both ends"
[ "$(link $p101 0)" != "$(link $p103 0)" ] && echo "another pipe, another inode"
[ "$(link $p100 0)" = /dev/null ] && echo "the first command of a background pipeline reads /dev/null"
