# /proc/<pid>/fd links: named by number, mode showing the access (r-x read, -wx write, rwx both), target the path the dentry has now
exec 3</dev/null 4>f 5<>g 6>>f 7>&4
lsfd() { ls -l "$@" | tr -s ' ' | cut -d' ' -f1,9-; }
lsfd /proc/$$/fd/3 /proc/$$/fd/4 /proc/$$/fd/5 /proc/$$/fd/6 /proc/$$/fd/7
rm f
mv g h
ln h k
exec 8<k
rm k
lsfd /proc/$$/fd/4 /proc/$$/fd/5 /proc/$$/fd/7 /proc/$$/fd/8
exec 4>&- 6>&-
sh -c 'ls /proc/$PPID/fd > $1; tr "\n" " " < $1; echo' sh $CGKIT_TMP/list
ls -l /proc/$$/fd/4
