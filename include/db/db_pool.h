/* sipbridge module SDK: the connection pool C drivers share connections through
 * (OpenSIPS 1.11 interface). A driver's connection structure starts with these three
 * fields. In OpenSIPS a pool is per process; in sipbridge it is per thread: pool_get only
 * finds connections the calling thread inserted, so every worker that opens a URL in
 * child_init gets a connection of its own, as each OpenSIPS child does. */
#ifndef SB_SDK_DB_POOL_H
#define SB_SDK_DB_POOL_H

#include "db_id.h"
#include "db_con.h"

struct pool_con {
	struct db_id *id;        /* owned by the connection */
	unsigned int ref;        /* users of the connection */
	struct pool_con *next;
};

/* The calling thread's connection for id, its reference count raised; NULL when none. */
struct pool_con *pool_get(const struct db_id *id);
/* Registers a new connection (ref set by the driver, normally 1) for the calling thread. */
void pool_insert(struct pool_con *con);
/* Drops one reference: 1 when it was the last (the caller frees the connection), 0 when
 * others still use it, -1 when not in the pool, -2 for NULL. */
int pool_remove(struct pool_con *con);

#endif
