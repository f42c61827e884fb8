# a newline is refused in cgroup names (mkdir and rename, EINVAL); a carriage return or other control bytes are not
cd /sys/fs/cgroup/systemd/$CGKIT_PREFIX
nl='
'
mkdir a
mkdir "x${nl}y"
mkdir "${nl}"
mkdir "x${nl}"
mv a "b${nl}c"
mv -T a "${nl}"
mkdir "$(printf 'x\ry')" && echo "carriage return: ok"
mv a "$(printf 'v\vw')" && echo "vertical tab: ok"
ls | od -An -c
