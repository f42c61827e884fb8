# once a process has dropped root its setresuid, setresgid and setgroups fail with EPERM (setpriv exits 127); ids it holds stay settable
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
nobody setpriv --reuid=0 true
echo "reuid 0: status $?"
nobody setpriv --regid=0 --keep-groups true
echo "regid 0: status $?"
nobody setpriv --clear-groups true
echo "clear-groups: status $?"
nobody setpriv --reuid=65534 true
echo "reuid 65534: status $?"
setpriv --ruid=1000 --euid=2000 setpriv --reuid=1000 grep Uid /proc/self/status
setpriv --ruid=1000 --euid=2000 setpriv --ruid=2000 --euid=1000 grep Uid /proc/self/status
setpriv --ruid=1000 --euid=2000 setpriv --reuid=3000 true
echo "reuid 3000: status $?"
