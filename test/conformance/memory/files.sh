# memory files with their modes: the root's, the sandbox cgroup's and a new child's (no file is root-only; shown_ram_in_bytes is not on the root)
cd /sys/fs/cgroup/memory
lsl() { ls -l "$1" | while read m a b c d e f g n; do case "$n" in memory.*|cgroup.event_control) echo "$m $n";; esac; done; }
echo "root:"; lsl .
mkdir $CGKIT_PREFIX/a
echo "child:"; lsl $CGKIT_PREFIX/a
[ "$(lsl $CGKIT_PREFIX)" = "$(lsl $CGKIT_PREFIX/a)" ] && echo "sandbox cgroup: same files"
