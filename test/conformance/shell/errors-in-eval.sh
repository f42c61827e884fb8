# error messages of commands run by eval name eval, as dash's do (found by cgkit fuzz --host's stepper)
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
eval '/bin/echo 1 > nonexistent/tasks'
eval 'mkdir a; /bin/echo x > a/tasks'
eval 'echo $$ > a/tasks; cat a/tasks'
eval 'echo 1 > a/nonexistent'
