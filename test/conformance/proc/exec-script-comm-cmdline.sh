# running a script: comm is the script's name with #!, else sh (dash re-execs /bin/sh on ENOEXEC); cmdline is the interpreter's argv
printf '#!/bin/sh\ncat /proc/$$/comm\ntr "\\0" "|" < /proc/$$/cmdline\necho\n' > $CGKIT_TMP/withshebang
printf 'cat /proc/$$/comm\ntr "\\0" "|" < /proc/$$/cmdline\necho\n' > $CGKIT_TMP/noshebang
chmod +x $CGKIT_TMP/withshebang $CGKIT_TMP/noshebang
$CGKIT_TMP/withshebang arg
$CGKIT_TMP/noshebang arg
cd $CGKIT_TMP
./withshebang
