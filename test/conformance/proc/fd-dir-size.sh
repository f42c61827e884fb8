# stat of /proc/<pid>/fd gives as its size the number of open descriptors, and links are 64 bytes long
exec 3</dev/null 4</dev/null 7</dev/null
sh -c 'ls -ldn /proc/$PPID/fd | tr -s " " | cut -d" " -f1,5'
exec 4<&-
sh -c 'ls -ldn /proc/$PPID/fd | tr -s " " | cut -d" " -f5'
sh -c 'ls -ln /proc/$PPID/fd/3 | tr -s " " | cut -d" " -f5'
