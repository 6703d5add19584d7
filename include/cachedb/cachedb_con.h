/* sipbridge module SDK: a cachedb connection handle (OpenSIPS 1.11 interface). */
#ifndef SB_SDK_CACHEDB_CON_H
#define SB_SDK_CACHEDB_CON_H

#include "../str.h"

typedef struct {
	str url;      /* the URL it was opened with */
	void *data;   /* the engine's pooled connection (starts with cachedb_pool_con's fields) */
} cachedb_con;

typedef struct cachedbcon_list {
	str grp;
	cachedb_con *connection;
	struct cachedbcon_list *next;
} cachedb_con_list;

#endif
