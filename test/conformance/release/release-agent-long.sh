# release_agent holds up to 4095 bytes per write (PATH_MAX - 1): a longer write fails with E2BIG and changes nothing
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
f=h/release_agent
s=$(printf "%04095d" 0 | tr 0 a)
echo ${#s}
printf '%s' "$s" > $f && echo "4095 bytes: ok, reads $(wc -c < $f)"
/bin/echo "$s" > $f || echo "4095 + newline: failed, reads $(wc -c < $f)"
/bin/echo "${s%a}" > $f && echo "4094 + newline: ok, reads $(wc -c < $f)"
printf '%s' "/${s}" > $f || echo "4096 bytes: failed"
printf '   %s' "${s%aaa}" > $f && echo "3 spaces + 4092: ok, reads $(wc -c < $f)"
grep -c "release_agent=/\?aaa" /proc/self/mounts
