# changing uids as setpriv does clears the effective capabilities when the euid leaves 0 and all of them when no uid is 0
caps() {
	setpriv "$@" sh -pc 'b=$(grep CapBnd /proc/$$/status | cut -f2); grep -E "^Cap(Inh|Prm|Eff|Amb)" /proc/$$/status | sed "s/$b/BOUNDING/"'
	echo "--"
}
caps --reuid=0
caps --reuid=65534 --regid=65534 --clear-groups
caps --euid=65534
caps --ruid=65534
caps --ruid=65534 --euid=1000
