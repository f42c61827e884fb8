# inode numbers: a rename keeps a cgroup's, a cgroup made again under the same name gets a new one, two mounts of a hierarchy share them
cd $CGKIT_TMP
mkdir h h2
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h
mount -t cgroup -o none,name=$CGKIT_PREFIX-1 cgroup h2
mkdir h/a
ino() { ls -id "$1" | cut -d' ' -f1; }
a=$(ino h/a)
at=$(ino h/a/tasks)
mv h/a h/b
[ "$(ino h/b)" = "$a" ] && echo "rename keeps the directory's inode"
[ "$(ino h/b/tasks)" = "$at" ] && echo "rename keeps its files' inodes"
[ "$(ino h2/b)" = "$a" ] && echo "the second mount shows the same inode"
rmdir h/b
mkdir h/b
[ "$(ino h/b)" != "$a" ] && echo "a cgroup made again gets a new inode"
[ "$(ino h/b/tasks)" != "$at" ] && echo "and new file inodes"
[ "$(ino h/a 2>/dev/null)" = "" ] && echo "the old name is gone"
[ "$(ino h)" = "$(ino h2)" ] && echo "both mounts share the root inode"
[ "$(ino h/tasks)" != "$(ino h/b/tasks)" ] && echo "each cgroup's tasks file is its own inode"
