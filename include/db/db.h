/* sipbridge module SDK: the generic database API (OpenSIPS 1.11 interface).
 *
 * A module binds a driver with db_bind_mod(url, &dbf), which picks the driver from the
 * URL's scheme ("postgres://..." -> module db_postgres) as OpenSIPS does: the driver
 * module's "db_bind_api" export, else its individual db_* exports. When no module
 * db_<scheme> is loaded, sipbridge's own Java drivers serve sqlite://, postgres:// and
 * mysql:// with the same db_func_t (docs/db.md).
 *
 * Then dbf.init(url) opens a handle (in child_init: one per worker), dbf.use_table names
 * the table, and the operations below run on it. Results are freed with
 * dbf.free_result on the handle that made them. Every function returns 0 on success and
 * < 0 on error unless said otherwise. */
#ifndef SB_SDK_DB_H
#define SB_SDK_DB_H

#include <string.h>
#include "db_key.h"
#include "db_op.h"
#include "db_val.h"
#include "db_con.h"
#include "db_res.h"
#include "db_cap.h"
#include "db_row.h"
#include "db_ps.h"
#include "../globals.h"
#include "../dprint.h"

/* The table of the next operations on _h (the str is kept by reference, not copied). */
typedef int (*db_use_table_f)(db_con_t *_h, const str *_t);

/* A new handle for the URL, NULL on error. */
typedef db_con_t *(*db_init_f)(const str *_sqlurl);

/* Closes the handle and frees it. */
typedef void (*db_close_f)(db_con_t *_h);

/* SELECT _c (all columns when _c is NULL) FROM the table WHERE _k[i] _op[i] _v[i]
 * (all "=" when _op is NULL; AND, or OR after CON_USE_OR_OP) ORDER BY _o (NULL: none).
 * *_r gets the result. With DB_CAP_FETCH, _r may be NULL: the query runs and the rows are
 * then read in chunks with fetch_result. */
typedef int (*db_query_f)(const db_con_t *_h, const db_key_t *_k, const db_op_t *_op,
		const db_val_t *_v, const db_key_t *_c, const int _n, const int _nc,
		const db_key_t _o, db_res_t **_r);

/* The next at most _n rows of the query last run with _r NULL. *_r is made on the first
 * call and reused after; RES_ROW_N(*_r) == 0 means the rows are exhausted. */
typedef int (*db_fetch_result_f)(const db_con_t *_h, db_res_t **_r, const int _n);

/* The statement _s as it is; *_r gets the rows when _r is not NULL. */
typedef int (*db_raw_query_f)(const db_con_t *_h, const str *_s, db_res_t **_r);

/* Frees a result of query/fetch_result/raw_query. */
typedef int (*db_free_result_f)(db_con_t *_h, db_res_t *_r);

/* INSERT one row: _n columns _k with values _v. */
typedef int (*db_insert_f)(const db_con_t *_h, const db_key_t *_k, const db_val_t *_v,
		const int _n);

/* DELETE the rows matching the where clause (every row when _n is 0). */
typedef int (*db_delete_f)(const db_con_t *_h, const db_key_t *_k, const db_op_t *_o,
		const db_val_t *_v, const int _n);

/* UPDATE the rows matching _k/_o/_v (_n conditions), setting _uk to _uv (_un columns). */
typedef int (*db_update_f)(const db_con_t *_h, const db_key_t *_k, const db_op_t *_o,
		const db_val_t *_v, const db_key_t *_uk, const db_val_t *_uv,
		const int _n, const int _un);

/* Insert, replacing a row with the same unique key (the old row is removed first). */
typedef int (*db_replace_f)(const db_con_t *handle, const db_key_t *keys,
		const db_val_t *vals, const int n);

/* The auto-increment value of the handle's last insert (0 when none). */
typedef int (*db_last_inserted_id_f)(const db_con_t *_h);

/* Insert, or update the existing row's columns on a duplicate unique key. */
typedef int (*db_insert_update_f)(const db_con_t *_h, const db_key_t *_k,
		const db_val_t *_v, const int _n);

/* A driver's functions, in the 1.11 order. cap: DB_CAP_* bits. */
typedef struct db_func {
	unsigned int cap;
	db_use_table_f use_table;
	db_init_f init;
	db_close_f close;
	db_query_f query;
	db_fetch_result_f fetch_result;
	db_raw_query_f raw_query;
	db_free_result_f free_result;
	db_insert_f insert;
	db_delete_f delete;
	db_update_f update;
	db_replace_f replace;
	db_last_inserted_id_f last_inserted_id;
	db_insert_update_f insert_update;
} db_func_t;

/* Fills dbf with the driver for mod: a URL ("mysql://...", the scheme picks db_mysql) or a
 * bare driver name without the db_ prefix ("mysql"). 0 on success; -1 (dbf zeroed) when
 * the driver is unknown or lacks use_table/init/close, or queries without free_result. */
int db_bind_mod(const str *mod, db_func_t *dbf);

/* Helpers for C drivers: a handle for url whose tail is the calling thread's pooled
 * connection for it, made with new_connection(struct db_id *) when there is none (the
 * connection takes the db_id over); and its release, free_connection(struct pool_con *)
 * being called when the last reference goes. */
db_con_t *db_do_init(const str *url, void *(*new_connection)());
void db_do_close(db_con_t *_h, void (*free_connection)());

/* The version of table in the version table (db_version_table, columns table_name and
 * table_version): the number, 0 when the table has no row, < 0 on error. */
int db_table_version(const db_func_t *dbf, db_con_t *con, const str *table);
/* 0 when table has exactly that version (or the driver cannot query), -1 otherwise (logged). */
int db_check_table_version(db_func_t *dbf, db_con_t *dbh, const str *table,
		const unsigned int version);
/* The generic use_table: stores _t in the handle. */
int db_use_table(db_con_t *_h, const str *_t);

/* The type of a driver module's "db_bind_api" export. */
typedef int (*db_bind_api_f)(const str *mod, db_func_t *dbb);

/* An estimate of how many result rows of payload_size bytes and column_count columns still
 * fit in memory, for drivers' callers that fetch in chunks; > 0. */
int estimate_available_rows(int payload_size, int column_count);

/* Completes a module's URL parameter: an unset one takes db_default_url (an error, logged
 * and returned from the calling function, when there is none and _can_be_null is 0). */
#define init_db_url(_db_url, _can_be_null) \
	do { \
		if ((_db_url).s == NULL) { \
			if (db_default_url == NULL) { \
				if (!(_can_be_null)) { \
					LM_ERR("DB URL is not defined!\n"); \
					return -1; \
				} \
			} else { \
				(_db_url).s = db_default_url; \
				(_db_url).len = strlen((_db_url).s); \
			} \
		} else { \
			(_db_url).len = strlen((_db_url).s); \
		} \
	} while (0)

#endif
