# renaming the shell's working cgroup: getcwd shows the new name, dash's logical PWD keeps the old one, so cd .. fails
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir -p a/b
cd a/b
mv ../../a ../../z && echo "renamed"
echo "PWD: ${PWD#/sys/fs/cgroup/systemd/}"
pwd -P | sed 's|/sys/fs/cgroup/systemd/||'
ls | head -2
echo $$ > tasks && grep name=systemd /proc/self/cgroup
cd .. && pwd | sed 's|/sys/fs/cgroup/systemd/||'
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
echo $$ > tasks
ls
