/** Constants of include/linux/cgroup-defs.h. */

/** cgroup->flags bits. */
export const CGRP_NOTIFY_ON_RELEASE = 1 << 0;
export const CGRP_CPUSET_CLONE_CHILDREN = 1 << 1;
export const CGRP_FREEZE = 1 << 2;
export const CGRP_FROZEN = 1 << 3;
export const CGRP_KILL = 1 << 4;

/** cgroup_root->flags. */
export const CGRP_ROOT_NOPREFIX = 1 << 1;
export const CGRP_ROOT_XATTR = 1 << 2;
export const CGRP_ROOT_NS_DELEGATE = 1 << 3;
export const CGRP_ROOT_FAVOR_DYNMODS = 1 << 4;
export const CGRP_ROOT_CPUSET_V2_MODE = 1 << 16;
export const CGRP_ROOT_MEMORY_LOCAL_EVENTS = 1 << 17;
export const CGRP_ROOT_MEMORY_RECURSIVE_PROT = 1 << 18;
export const CGRP_ROOT_MEMORY_HUGETLB_ACCOUNTING = 1 << 19;
export const CGRP_ROOT_PIDS_LOCAL_EVENTS = 1 << 20;

/** css->flags. */
export const CSS_ONLINE = 1 << 1;
export const CSS_RELEASED = 1 << 2;
export const CSS_VISIBLE = 1 << 3;
export const CSS_DYING = 1 << 4;

/** cftype->flags. */
export const CFTYPE_ONLY_ON_ROOT = 1 << 0;
export const CFTYPE_NOT_ON_ROOT = 1 << 1;
export const CFTYPE_NS_DELEGATABLE = 1 << 2;
export const CFTYPE_NO_PREFIX = 1 << 3;
export const CFTYPE_WORLD_WRITABLE = 1 << 4;

/** MAX_CGROUP_ROOT_NAMELEN (the name must be shorter). */
export const MAX_CGROUP_ROOT_NAMELEN = 64;
export const PATH_MAX = 4096;
export const PAGE_SIZE = 4096;
/** INT_MAX: the v1 default of max_descendants and max_depth. */
export const INT_MAX = 2147483647;
