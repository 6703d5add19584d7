/* sipbridge module SDK: insert queues (OpenSIPS 1.11 interface). With query_buffer_size
 * > 1 (core setting) and a driver with DB_CAP_MULTIPLE_INSERT, inserts of the same table
 * and columns from every worker pile up in one shared queue and are written
 * query_buffer_size rows at a time, or by a timer once the oldest row is older than
 * query_flush_time seconds, and at shutdown. Otherwise con_set_inslist does nothing and
 * inserts go straight to the database. Queued rows are shm copies the queue owns. */
#ifndef SB_SDK_DB_INSERTQ_H
#define SB_SDK_DB_INSERTQ_H

#include <time.h>
#include "db_ut.h"
#include "db_query.h"
#include "../locking.h"

extern int query_buffer_size;
extern int query_flush_time;

#define CON_HAS_INSLIST(cn)  ((cn)->ins_list)
#define DEF_FLUSH_TIME       10

typedef struct query_list {
	str url;              /* the handle's URL: the timer opens its own connection */
	db_func_t dbf;        /* the timer's binding */
	db_con_t *conn;       /* the timer's handle */
	str table;
	db_key_t *cols;
	int col_no;
	db_val_t **rows;      /* query_buffer_size slots */
	gen_lock_t *lock;     /* guards rows, no_rows, oldest_query */
	int no_rows;
	time_t oldest_query;  /* when the oldest queued row came, 0 when empty */
	struct query_list *next;
	struct query_list *prev;
} query_list_t;

extern query_list_t **query_list;
extern gen_lock_t *ql_lock;

/* Called by the core at start-up: the shared list and the flush timer (when enabled). */
int init_ql_support(void);
/* Queues a copy of row; when the queue is full, hands every queued row to the caller in
 * *ins_rows and returns their number (> 0), else 0; -1 on error. */
int ql_row_add(query_list_t *entry, const db_val_t *row, db_val_t ***ins_rows);
/* With entry->lock held: takes every queued row out (into a per-thread array). */
int ql_detach_rows_unsafe(query_list_t *entry, db_val_t ***ins_rows);
/* Attaches the shared queue for (table, cols) to con (found or made on the first call
 * and remembered in *list); does nothing when queues are off or the driver cannot insert
 * several rows at once. */
int con_set_inslist(db_func_t *dbf, db_con_t *con, query_list_t **list,
		db_key_t *cols, int col_no);
void ql_timer_routine(unsigned int ticks, void *param);
/* Writes entry's queued rows now through dbf/conn. */
int ql_flush_rows(db_func_t *dbf, db_con_t *conn, query_list_t *entry);

#define CON_RESET_INSLIST(con) \
	do { *((query_list_t **)&(con)->ins_list) = NULL; } while (0)
#define IS_INSTANT_FLUSH(con)  ((con)->flags & CON_INSTANT_FLUSH)
#define CON_FLUSH_UNSAFE(con) \
	do { (con)->flags |= CON_INSTANT_FLUSH; } while (0)
#define CON_FLUSH_SAFE(con) \
	do { lock_get((con)->ins_list->lock); (con)->flags |= CON_INSTANT_FLUSH; } while (0)
#define CON_FLUSH_RESET(con, entry) \
	do { *((int *)&(con)->flags) &= ~CON_INSTANT_FLUSH; lock_release((entry)->lock); } while (0)

/* Frees every row of a detached array. */
void cleanup_rows(db_val_t **rows);
/* Flushes and frees every queue (the core calls it at shutdown). */
void handle_ql_shutdown(void);

#endif
