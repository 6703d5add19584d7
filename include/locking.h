/* sipbridge module SDK: the locking API modules include (OpenSIPS 1.11 locking.h):
 * gen_lock_t / gen_lock_set_t, their operations and their allocation. */
#ifndef SB_SDK_LOCKING_H
#define SB_SDK_LOCKING_H

#include "lock_ops.h"
#include "lock_alloc.h"

#endif
