# a controller hierarchy has the controller's own files, named with its prefix, in the root and in every new cgroup
cd $CGKIT_TMP
mkdir h
mount -t cgroup -o net_cls,net_prio cgroup h
ls h
mkdir h/a
ls h/a
cat h/a/net_cls.classid h/a/net_prio.prioidx
