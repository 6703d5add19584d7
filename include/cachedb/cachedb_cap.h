/* sipbridge module SDK: capabilities of a cachedb engine (OpenSIPS 1.11 interface). */
#ifndef SB_SDK_CACHEDB_CAP_H
#define SB_SDK_CACHEDB_CAP_H

#include <stdlib.h>
#include "cachedb.h"
#include "../dprint.h"

typedef enum {
	CACHEDB_CAP_GET = 1 << 0,
	CACHEDB_CAP_SET = 1 << 1,
	CACHEDB_CAP_REMOVE = 1 << 2,
	CACHEDB_CAP_ADD = 1 << 3,
	CACHEDB_CAP_SUB = 1 << 4,
	CACHEDB_CAP_BINARY_VALUE = 1 << 5,
	CACHEDB_CAP_RAW = 1 << 6
} cachedb_cap;

/* cdbf is a pointer to cachedb_funcs. */
#define CACHEDB_CAPABILITY(cdbf, cpv) (((cdbf)->capability & (cpv)) == (cpv))

/* Checks an engine has init and destroy and sets the capability bits of its functions.
 * 0, or -1 (logged). */
static inline int check_cachedb_api(cachedb_engine *cde)
{
	if (cde == NULL)
		return -1;
	if (cde->cdb_func.init == 0 || cde->cdb_func.destroy == 0) {
		LM_ERR("cachedb engine %.*s lacks init or destroy\n", cde->name.len, cde->name.s);
		return -1;
	}
	if (cde->cdb_func.get)
		cde->cdb_func.capability |= CACHEDB_CAP_GET;
	if (cde->cdb_func.set)
		cde->cdb_func.capability |= CACHEDB_CAP_SET;
	if (cde->cdb_func.remove)
		cde->cdb_func.capability |= CACHEDB_CAP_REMOVE;
	if (cde->cdb_func.add)
		cde->cdb_func.capability |= CACHEDB_CAP_ADD;
	if (cde->cdb_func.sub)
		cde->cdb_func.capability |= CACHEDB_CAP_SUB;
	if (cde->cdb_func.raw_query)
		cde->cdb_func.capability |= CACHEDB_CAP_RAW;
	return 0;
}

#endif
