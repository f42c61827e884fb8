# mkdir in cgroupfs applies the umask to the new directory's mode, but the files in it get their fixed modes whatever the umask
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
umask 077
mkdir a
umask 027
mkdir b
umask 777
mkdir c
umask 0
mkdir d
mkdir -m 1750 e
umask 022
mkdir -m 700 f
ls -ldn a b c d e f | tr -s ' ' | cut -d' ' -f1,3,4,9
ls -ln c | tr -s ' ' | cut -d' ' -f1,3,4,9
mkdir c/x && ls -ldn c/x | tr -s ' ' | cut -d' ' -f1,9
