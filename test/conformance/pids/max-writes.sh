# pids.max accepts max, decimal, octal, hex, a leading + and surrounding whitespace, up to PID_MAX_LIMIT
cd /sys/fs/cgroup/pids/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2)]"; else echo "'$1' -> ${e##*: } [$(cat $2)]"; fi; }
for v in 0 5 max 010 0x10 +8 " 7 " "max " 4194304 1; do w "$v" a/pids.max; done
printf 3 > a/pids.max; echo "no newline: $(cat a/pids.max)"
printf 'max\n\n' > a/pids.max; echo "two newlines: $(cat a/pids.max)"
printf '  12\t\n' > a/pids.max; echo "tabs: $(cat a/pids.max)"
