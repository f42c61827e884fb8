# freezer.state takes FROZEN and THAWED (whitespace stripped); FREEZING and anything else is EINVAL
cd /sys/fs/cgroup/freezer/$CGKIT_PREFIX
mkdir a
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "'$1' -> ok [$(cat $2) $(cat a/freezer.self_freezing)]"; else echo "'$1' -> ${e##*: } [$(cat $2) $(cat a/freezer.self_freezing)]"; fi; }
for v in FROZEN FROZEN THAWED THAWED FREEZING frozen thawed " FROZEN " "" x FROZENX "FROZEN THAWED" 1 THAWED; do w "$v" a/freezer.state; done
printf FROZEN > a/freezer.state; echo "no newline: $(cat a/freezer.state)"
printf 'THAWED\n\n' > a/freezer.state; echo "two newlines: $(cat a/freezer.state)"
w FROZEN a/freezer.self_freezing
w 1 a/freezer.parent_freezing
