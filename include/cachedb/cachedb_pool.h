/* sipbridge module SDK: the cachedb engines' connection pool (OpenSIPS 1.11 interface).
 * An engine's connection structure starts with these fields. Per thread in sipbridge, as
 * the DB pool (db/db_pool.h): each worker's child_init gets a connection of its own. */
#ifndef SB_SDK_CACHEDB_POOL_H
#define SB_SDK_CACHEDB_POOL_H

#include "../str.h"
#include "cachedb_id.h"

typedef struct cachedb_pool_con_t {
	struct cachedb_id *id;
	unsigned int ref;
	struct cachedb_pool_con_t *next;
} cachedb_pool_con;

cachedb_pool_con *cachedb_pool_get(struct cachedb_id *id);
void cachedb_pool_insert(cachedb_pool_con *con);
/* 1 when the last reference went (the caller frees it), 0 when still used, < 0 on error. */
int cachedb_pool_remove(cachedb_pool_con *con);

#endif
