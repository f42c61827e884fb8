# test_cgfreezer_ptrace: a frozen process can be seized and interrupted with ptrace (driven by perl's syscall(), as cgkit has no strace or gdb): the cgroup stays frozen while the task is in a trace stop and after the detach
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir cg
sleep 1000 & p=$!
echo $p > cg/cgroup.procs
echo 1 > cg/cgroup.freeze
i=0; until grep -q "frozen 1" cg/cgroup.events || [ $i -ge 40 ]; do i=$((i+1)); sleep 0.05; done
echo "cg: $(grep frozen cg/cgroup.events)"
perl -e '
alarm 10;
my $pid = $ARGV[0] + 0;
sub ev { open(my $f, "<", "cg/cgroup.events") or return "?"; local $/; my $s = <$f>; return $s =~ /frozen (\d)/ ? $1 : "?"; }
sub state { open(my $f, "<", "/proc/$pid/stat") or return "?"; my $s = <$f>; return $s =~ /\) (\S)/ ? $1 : "?"; }
sub pt { my ($name, $req) = @_; my $r = syscall(101, $req, $pid, 0, $_[2]); print "$name -> ", ($r == 0 ? "ok" : "$!"), "\n"; }
pt("PTRACE_SEIZE", 0x4206, 0);
pt("PTRACE_INTERRUPT", 0x4207, 0);
print "waitpid: ", (waitpid($pid, 0) == $pid ? "stopped" : "failed"), "\n";
print "traced: frozen ", ev(), ", state ", state(), "\n";
my $si = "\0" x 128;
pt("PTRACE_GETSIGINFO", 0x4202, $si);
print "si_signo ", unpack("l", $si), "\n";
pt("PTRACE_DETACH", 17, 0);
select(undef, undef, undef, 0.1);
print "detached: frozen ", ev(), ", state ", state(), "\n";
' $p
kill $p; wait $p 2>/dev/null; echo "wait=$?"
