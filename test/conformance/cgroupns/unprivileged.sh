# unshare --cgroup needs CAP_SYS_ADMIN; unshare's exit status follows the command, its --fork parent dies of the child's signal
setpriv --reuid 1000 --regid 1000 --clear-groups unshare --cgroup true; echo "unprivileged: exit $?"
setpriv --reuid 1000 --regid 1000 --clear-groups unshare --cgroup --fork true; echo "unprivileged with fork: exit $?"
setpriv --reuid 1000 --regid 1000 --clear-groups unshare true; echo "no namespace, unprivileged: exit $?"
unshare --cgroup sh -c 'exit 3'; echo "exit status: $?"
unshare --cgroup --fork sh -c 'exit 4'; echo "exit status with fork: $?"
unshare --cgroup --fork sh -c 'kill -TERM $$'; echo "child killed by SIGTERM: exit $?"
unshare --cgroup --fork sh -c 'kill -KILL $$'; echo "child killed by SIGKILL: exit $?"
unshare --cgroup /nonexistent; echo "missing program: exit $?"
unshare --cgroup /etc; echo "not executable: exit $?"
unshare --bogus; echo "bad option: exit $?"
unshare --cgroup --propagation bogus true; echo "bad propagation: exit $?"
unshare -C -w /nonexistent true; echo "bad directory: exit $?"
unshare --cgroup -w /tmp sh -c 'pwd'
unshare --cgroup -S 1000 -G 1000 id -u
