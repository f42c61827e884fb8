# the Umask line shows the process's umask in four octal digits; children inherit it and a subshell's change stays there
grep Umask /proc/self/status
umask 027
grep Umask /proc/self/status
(umask 0; grep Umask /proc/self/status)
umask 7777
grep Umask /proc/self/status
umask 022
sh -c 'umask 077; grep Umask /proc/$$/status'
grep Umask /proc/$$/status
