/* sipbridge module SDK: SQL statement builders for C DB drivers (OpenSIPS 1.11 interface).
 * Each builds the statement in a per-thread buffer (SQL_BUF_LEN), hands it to
 * submit_query and, for queries with _r, lets store_result make the result. */
#ifndef SB_SDK_DB_QUERY_H
#define SB_SDK_DB_QUERY_H

#include "db_key.h"
#include "db_op.h"
#include "db_val.h"
#include "db_con.h"
#include "db_row.h"
#include "db_res.h"
#include "db_cap.h"

typedef int (*db_val2str_f)(const db_con_t *, const db_val_t *, char *, int *);

int db_do_query(const db_con_t *_h, const db_key_t *_k, const db_op_t *_op,
		const db_val_t *_v, const db_key_t *_c, const int _n, const int _nc,
		const db_key_t _o, db_res_t **_r,
		int (*val2str)(const db_con_t *, const db_val_t *, char *, int *),
		int (*submit_query)(const db_con_t *_h, const str *_c),
		int (*store_result)(const db_con_t *_h, db_res_t **_r));
int db_do_raw_query(const db_con_t *_h, const str *_s, db_res_t **_r,
		int (*submit_query)(const db_con_t *_h, const str *_c),
		int (*store_result)(const db_con_t *_h, db_res_t **_r));
/* With an insert queue on the handle (con_set_inslist), rows are queued and written
 * query_buffer_size at a time in one multi-row insert. */
int db_do_insert(const db_con_t *_h, const db_key_t *_k, const db_val_t *_v,
		const int _n, int (*val2str)(const db_con_t *, const db_val_t *, char *, int *),
		int (*submit_query)(const db_con_t *_h, const str *_c));
int db_do_delete(const db_con_t *_h, const db_key_t *_k, const db_op_t *_o,
		const db_val_t *_v, const int _n,
		int (*val2str)(const db_con_t *, const db_val_t *, char *, int *),
		int (*submit_query)(const db_con_t *_h, const str *_c));
int db_do_update(const db_con_t *_h, const db_key_t *_k, const db_op_t *_o,
		const db_val_t *_v, const db_key_t *_uk, const db_val_t *_uv, const int _n,
		const int _un, int (*val2str)(const db_con_t *, const db_val_t *, char *, int *),
		int (*submit_query)(const db_con_t *_h, const str *_c));
int db_do_replace(const db_con_t *_h, const db_key_t *_k, const db_val_t *_v,
		const int _n, int (*val2str)(const db_con_t *, const db_val_t *, char *, int *),
		int (*submit_query)(const db_con_t *_h, const str *_c));

#endif
