# chown of a cgroup directory changes that directory only; the files in it and later children stay with their creators
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a a/b
chown 65534:65534 a
mkdir a/c
ls -ldn a | tr -s ' ' | cut -d' ' -f1,3,4
ls -ln a | tr -s ' ' | cut -d' ' -f1,3,4,9
chown -R 1000:1000 a
ls -ln a a/b | tr -s ' ' | cut -d' ' -f1,3,4,9
