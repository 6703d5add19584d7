/* Every source of native/compat includes the SDK through this header. It adds, with
 * default visibility (see sb_sdk.h), the SDK headers that sb_sdk.h does not reach, so the
 * functions they declare are exported to modules like the rest of the SDK. */
#ifndef SB_NATIVE_COMPAT_H
#define SB_NATIVE_COMPAT_H

#include "../sb_core.h"

#pragma GCC visibility push(default)
#include "../../include/mi/mi.h"
#include "../../include/locking.h"
#include "../../include/rw_locking.h"
#pragma GCC visibility pop

#endif
