# non-numeric writes are EINVAL and move nothing: letters, trailing junk, an empty line, a lone sign, floats, exponents
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
mkdir a
w() { if e=$(/usr/bin/printf "$1" 2>&1 > "$2"); then r=ok; else r=${e##*: }; fi; printf "'%s' > %s -> %s\n" "$1" "$2" "$r"; }
for v in abc '1a' "${$}abc" '\n' '-' '+' '--1' '0x' '1e3' '3.0' '0b1' "$$;"; do
	w "$v" a/tasks
done
w "$$.0" a/cgroup.procs
w "x$$" a/cgroup.procs
echo "a:"; cat a/tasks
grep name=systemd /proc/self/cgroup
