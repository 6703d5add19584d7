/* sipbridge module SDK: a database connection handle (OpenSIPS 1.11 interface).
 * Made by dbf.init(url), used by one thread at a time (a worker gets its own in child_init),
 * released by dbf.close. */
#ifndef SB_SDK_DB_CON_H
#define SB_SDK_DB_CON_H

#include "../str.h"
#include "db_ps.h"
#include "db_threshold.h"   /* 1.11 drivers get these macros with the DB headers */

struct query_list;

typedef struct {
	const str *table;             /* table of the next operation (db_use_table), not copied */
	db_ps_t *curr_ps;             /* prepared statement slot for the next operation, or NULL */
	struct query_list *ins_list;  /* insert queue for the next insert, or NULL */
	unsigned long tail;           /* the driver's own connection state */
	str url;                      /* the URL the handle was opened with */
	int flags;                    /* CON_* below */
} db_con_t;

#define CON_TABLE(cn)   ((cn)->table)
#define CON_TAIL(cn)    ((cn)->tail)

#define CON_INSTANT_FLUSH  (1 << 0)
#define CON_OR_OPERATOR    (1 << 1)

/* The next where clause joins its conditions with OR instead of AND (one operation). */
#define CON_USE_OR_OP(con) \
	do { *((int *)&(con)->flags) |= CON_OR_OPERATOR; } while (0)
#define CON_OR_RESET(con) \
	do { *((int *)&(con)->flags) &= ~CON_OR_OPERATOR; } while (0)

#endif
