# only a thread group renames itself through comm: writing another process's comm is EINVAL for root and EACCES for another user
sleep 100 &
p=$!
until [ "$(cat /proc/$p/comm)" = sleep ]; do sleep 0.05; done
/bin/echo x > /proc/$p/comm
cat /proc/$p/comm
setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '/bin/echo x > /proc/$1/comm || echo "other user: status $?"; cat /proc/$1/comm; /bin/echo me > /proc/$$/comm && cat /proc/$$/comm' sh $p
ls -ln /proc/$p/comm | cut -d' ' -f1,3,4
