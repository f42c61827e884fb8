# a hierarchy name is made of isalnum() bytes (the kernel's Latin-1 ctype: 0xC0-0xFF but 0xD7 and 0xF7), '.', '-' and '_'; anything else is EINVAL
cd $CGKIT_TMP
i=0
try() {
	i=$((i + 1))
	mkdir x$i
	if mount -t cgroup -o "none,name=$CGKIT_PREFIX-$2" cgroup x$i 2>/dev/null; then
		echo "$1: mounted, $(grep -cF ":name=$CGKIT_PREFIX-$2:" /proc/self/cgroup) cgroup line"
		umount x$i
	else
		echo "$1: failed $?"
	fi
}
for s in a.b-c_D9 A _ . .. -x "a:b" "a/b" "a*b" "a+b" "a@b" "a%b" "a!b" "a~b" "a;b" "a b" "a'b" "a=b"; do try "[$s]" "$s"; done
try "latin-1 e-acute 0xE9" "$(printf '\351')"
try "latin-1 A-grave 0xC0" "$(printf '\300')"
try "latin-1 y-diaeresis 0xFF" "$(printf '\377')"
try "latin-1 multiply 0xD7" "$(printf '\327')"
try "latin-1 divide 0xF7" "$(printf '\367')"
try "latin-1 nbsp 0xA0" "$(printf '\240')"
try "utf-8 e-acute" "$(printf '\303\251')"
try "byte 0x80" "$(printf '\200')"
try "tab" "$(printf 'a\tb')"
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
# (the sandbox's cleanup reads mountinfo as UTF-8: leave no odd name behind)
for i in $(seq 50); do grep -q "name=$CGKIT_PREFIX" /proc/self/cgroup || break; sleep 0.1; done
