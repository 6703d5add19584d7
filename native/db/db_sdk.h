/* The DB API headers with default visibility, for the core's DB sources (see sb_sdk.h:
 * the core is built -fvisibility=hidden and exports exactly the SDK). */
#ifndef SB_NATIVE_DB_SDK_H
#define SB_NATIVE_DB_SDK_H

#include "../sb_core.h"

#pragma GCC visibility push(default)
#include "../../include/db/db.h"
#include "../../include/db/db_id.h"
#include "../../include/db/db_pool.h"
#include "../../include/db/db_ut.h"
#include "../../include/db/db_query.h"
#include "../../include/db/db_insertq.h"
#include "../../include/timer.h"
#pragma GCC visibility pop

/* sipbridge's Java drivers (db_java.c): 1 when one serves the scheme of url. */
int sb_db_java_serves(const str *url);
/* Fills dbf with the Java driver's functions. 0, or -1. */
int sb_db_java_bind(const str *url, db_func_t *dbf);

#endif
