# pids are parsed with kstrtoint base 0: hexadecimal, octal and a leading plus name the same process; leading zeros mean octal
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a b c d e
sleep 1000 &
p=$!
echo "@pid sleeper $p"
w() { if e=$(/bin/echo "$2" 2>&1 > "$3"); then echo "$1 > $3 -> ok: $(grep name=systemd /proc/$p/cgroup)"; else echo "$1 > $3 -> ${e##*: }"; fi; }
w "0x hex" $(printf '0x%x' $p) a/tasks
w "0X HEX" $(printf '0X%X' $p) b/cgroup.procs
w "0 octal" $(printf '0%o' $p) c/tasks
w "plus" +$p d/cgroup.procs
w "000 then decimal" 000$p e/tasks
w "000 then octal" 000$(printf '%o' $p) e/tasks
w "08" 08 a/tasks
w "0x alone" 0x a/tasks
w "0x and octal zero" 0x0$(printf '%x' $p) a/tasks
grep name=systemd /proc/$p/cgroup
