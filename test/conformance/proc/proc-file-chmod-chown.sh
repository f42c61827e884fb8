# chmod of a /proc/<pid> entry is EPERM even for root; chown is accepted but the owner stays the task's
chmod 600 /proc/$$/status || echo "chmod: status $?"
chown 5:5 /proc/$$/status && echo "chown: done"
ls -ln /proc/$$/status | tr -s ' ' | cut -d' ' -f1,3,4
chmod 700 /proc/$$ || echo "chmod of the directory: status $?"
chmod 600 /proc/$$/fd || echo "chmod of fd/: status $?"
ls -ldn /proc/$$ /proc/$$/fd | tr -s ' ' | cut -d' ' -f1,3,4
