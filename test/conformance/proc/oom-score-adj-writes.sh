# oom_score_adj reads "%d"; a write is kstrtoint base 0 after strstrip, -1000..1000 (EINVAL, ERANGE past int), 12 bytes at a time; oom_adj maps -16..15 onto it
w() { if e=$(/bin/echo "$1" 2>&1 > "$2"); then echo "[$1] -> $(cat $2)"; else echo "[$1] -> ${e##*: }"; fi; }
sleep 1000 &
p=$!
cd /proc/$p
ls -ln oom_adj oom_score oom_score_adj | tr -s ' ' | cut -d' ' -f1,3,4,9
cat oom_score_adj oom_adj
for v in 500 ' 42 ' 0x10 010 +9 1000 1001 -1001 abc '' '5 6' 0x 99999999999 -9999999999 0000000000000500 '           7'; do
	w "$v" oom_score_adj
done
printf '12\0junk' > oom_score_adj && cat oom_score_adj
/bin/echo -n 0000000000000500 > oom_score_adj && cat oom_score_adj
echo 0 > oom_score_adj
for v in 0 8 15 16 -18 x 0x0f; do
	w "$v" oom_adj
	echo "  oom_score_adj $(cat oom_score_adj)"
done
for v in 999 1000; do
	echo $v > oom_score_adj
	echo "oom_adj at $v: $(cat oom_adj)"
done
cd /
kill $p
