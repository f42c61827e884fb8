# a cgroup namespace made inside another is rooted where its creator is then; each reader sees paths from its own root
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a a/b a/b/c x
echo $$ > a/tasks
unshare --cgroup sh -c '
	echo "outer ns: $(grep systemd /proc/self/cgroup)"
	echo $$ > a/b/tasks
	echo "outer ns, moved to a/b: $(grep systemd /proc/self/cgroup)"
	unshare --cgroup sh -c "
		echo \"inner ns: \$(grep systemd /proc/self/cgroup)\"
		echo \"outer shell from inner: \$(grep systemd /proc/\$PPID/cgroup)\"
		echo \$\$ > a/b/c/tasks
		echo \"inner moved to a/b/c: \$(grep systemd /proc/self/cgroup)\"
		echo \$\$ > x/tasks
		echo \"inner moved to x: \$(grep systemd /proc/self/cgroup)\"
		touch $CGKIT_TMP/done
		exec sleep 100
	" &
	i=$!
	until [ -e $CGKIT_TMP/done ]; do sleep 0.05; done
	echo "inner process from outer ns: $(grep systemd /proc/$i/cgroup)"
	kill $i
'
echo "from the initial ns the shell is: $(grep systemd /proc/self/cgroup)"
