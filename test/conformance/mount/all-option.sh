# all (also the default without options) asks for every controller: EBUSY here since they are bound; all with a controller or with none is EINVAL
cd $CGKIT_TMP
mkdir x
try() {
	if err=$(mount -t cgroup "$@" allsrc x 2>&1); then echo "$*: mounted"; else echo "$*: $(echo "$err" | head -n1 | sed 's/^mount: [^:]*: //')"; fi
}
try -o all
try -o all,name=$CGKIT_PREFIX-1
try -o all,net_cls
try -o all,none
try -o all,noprefix
try
try -o name=$CGKIT_PREFIX-2
echo "mounts: $(grep -c "$CGKIT_TMP" /proc/self/mounts)"
echo "cgroup lines: $(grep -c "name=$CGKIT_PREFIX" /proc/self/cgroup)"
