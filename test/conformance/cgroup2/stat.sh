# cgroup.stat nr_descendants counts live descendants at every level; removed ones leave nr_dying_descendants once they are freed
cd /sys/fs/cgroup/unified/$CGKIT_PREFIX
mkdir -p a/b/c a/d
st() { echo "$1: a=[$(grep -e '^nr_descendants ' -e '^nr_dying_descendants ' a/cgroup.stat | tr '\n' ' ')] b=[$(grep -e '^nr_descendants ' -e '^nr_dying_descendants ' a/b/cgroup.stat | tr '\n' ' ')]"; }
st created
echo '== a/cgroup.stat'; cat a/cgroup.stat
rmdir a/b/c a/d
i=0; until grep -q 'nr_dying_descendants 0' a/cgroup.stat || [ $i -ge 100 ]; do i=$((i+1)); sleep 0.05; done
st removed
mkdir a/b/c a/b/c/e
st again
