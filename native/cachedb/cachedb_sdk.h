/* The cachedb headers with default visibility, for the core's cachedb sources. */
#ifndef SB_NATIVE_CACHEDB_SDK_H
#define SB_NATIVE_CACHEDB_SDK_H

#include "../sb_core.h"

#pragma GCC visibility push(default)
#include "../../include/cachedb/cachedb.h"
#include "../../include/cachedb/cachedb_cap.h"
#pragma GCC visibility pop

#endif
