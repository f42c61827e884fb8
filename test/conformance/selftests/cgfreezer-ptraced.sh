# test_cgfreezer_ptraced: a cgroup whose process sits in a ptrace stop (seized and interrupted through perl's syscall(), as cgkit has no strace or gdb) is not frozen until cgroup.freeze 1, then freezes and thaws while the process stays traced
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir cg
sleep 1000 & p=$!
echo $p > cg/cgroup.procs
perl -e '
alarm 10;
my $pid = $ARGV[0] + 0;
sub ev { open(my $f, "<", "cg/cgroup.events") or return "?"; local $/; my $s = <$f>; return $s =~ /frozen (\d)/ ? $1 : "?"; }
sub state { open(my $f, "<", "/proc/$pid/stat") or return "?"; my $s = <$f>; return $s =~ /\) (\S)/ ? $1 : "?"; }
sub pt { my ($name, $req) = @_; my $r = syscall(101, $req, $pid, 0, $_[2]); print "$name -> ", ($r == 0 ? "ok" : "$!"), "\n"; }
sub freeze { my $v = shift; open(my $f, ">", "cg/cgroup.freeze") or die; print $f $v; close($f) or print "write: $!\n"; for (1 .. 40) { last if ev() eq $v; select(undef, undef, undef, 0.05); } print "cgroup.freeze $v: frozen ", ev(), ", state ", state(), "\n"; }
pt("PTRACE_SEIZE", 0x4206, 0);
pt("PTRACE_INTERRUPT", 0x4207, 0);
print "waitpid: ", (waitpid($pid, 0) == $pid ? "stopped" : "failed"), "\n";
print "traced: frozen ", ev(), ", state ", state(), "\n";
freeze(1);
freeze(0);
my $si = "\0" x 128;
pt("PTRACE_GETSIGINFO", 0x4202, $si);
print "si_signo ", unpack("l", $si), "\n";
pt("PTRACE_DETACH", 17, 0);
' $p
echo "cg: $(grep frozen cg/cgroup.events)"
kill $p; wait $p 2>/dev/null; echo "wait=$?"
