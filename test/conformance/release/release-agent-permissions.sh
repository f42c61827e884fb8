# writing release_agent needs CAP_SYS_ADMIN of the opener: a user cannot open it at 0644 and gets EPERM at 0666; a root-opened fd works for anyone
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mkdir h/a
ls -l h/release_agent h/a/notify_on_release | cut -d' ' -f1
u="setpriv --reuid 1000 --regid 1000 --clear-groups"
$u /bin/echo /opened/by/root > h/release_agent && echo "user writes a root-opened fd: [$(cat h/release_agent)]"
$u sh -c '/bin/echo /x > h/release_agent' || echo "user opens it at 0644: failed"
$u sh -c '/bin/echo 1 > h/a/notify_on_release' || echo "user opens notify_on_release at 0644: failed"
chmod 666 h/release_agent h/a/notify_on_release
$u sh -c '/bin/echo /x > h/release_agent' || echo "user opens it at 0666: failed"
$u sh -c '/bin/echo 1 > h/a/notify_on_release' && echo "user writes notify_on_release at 0666: $(cat h/a/notify_on_release)"
$u cat h/release_agent
echo "[$(cat h/release_agent)]"
