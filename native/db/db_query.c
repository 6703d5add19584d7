/* SQL statement builders for C DB drivers (include/db/db_query.h). The statement is built
 * in a buffer of the calling thread (1.11 has one per process), handed to the driver's
 * submit_query and, for queries, the driver's store_result makes the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db_sdk.h"

static __thread char *sql_buf;   /* SQL_BUF_LEN bytes, made on the thread's first use */

static char *buffer(void)
{
	if (sql_buf == NULL && (sql_buf = malloc(SQL_BUF_LEN)) == NULL)
		LM_ERR("no memory for the SQL statement buffer\n");
	return sql_buf;
}

/* Appends formatted text at *off; -1 when it does not fit. */
static int put(char *b, int *off, const char *fmt_s, int n, const char *tail)
{
	int r = snprintf(b + *off, SQL_BUF_LEN - *off, "%.*s%s", n, fmt_s, tail);

	if (r < 0 || r >= SQL_BUF_LEN - *off) {
		LM_ERR("SQL statement longer than %d bytes\n", SQL_BUF_LEN);
		return -1;
	}
	*off += r;
	return 0;
}

/* Appends the output (length or -1) of a db_print_* call. */
static int put_printed(int *off, int printed)
{
	if (printed < 0)
		return -1;
	*off += printed;
	return 0;
}

static int submit(const db_con_t *_h, char *b, int off,
		int (*submit_query)(const db_con_t *, const str *))
{
	str s;

	if (off + 1 > SQL_BUF_LEN) {
		LM_ERR("SQL statement longer than %d bytes\n", SQL_BUF_LEN);
		return -1;
	}
	b[off] = '\0';   /* drivers taking C strings need the terminator */
	s.s = b;
	s.len = off;
	if (submit_query(_h, &s) < 0) {
		LM_ERR("the database refused [%.*s]\n", s.len, s.s);
		return -2;
	}
	return 0;
}

static int table_ok(const db_con_t *_h)
{
	if (CON_TABLE(_h) == NULL || CON_TABLE(_h)->s == NULL) {
		LM_ERR("no table set on the handle (db_use_table)\n");
		return 0;
	}
	return 1;
}

int db_do_query(const db_con_t *_h, const db_key_t *_k, const db_op_t *_op,
		const db_val_t *_v, const db_key_t *_c, const int _n, const int _nc,
		const db_key_t _o, db_res_t **_r,
		int (*val2str)(const db_con_t *, const db_val_t *, char *, int *),
		int (*submit_query)(const db_con_t *_h, const str *_c),
		int (*store_result)(const db_con_t *_h, db_res_t **_r))
{
	char *b = buffer();
	int off = 0, ret;

	if (_r)
		*_r = NULL;
	if (_h == NULL || b == NULL || val2str == NULL || submit_query == NULL
			|| (_r && store_result == NULL) || !table_ok(_h)) {
		LM_ERR("db_do_query: bad arguments\n");
		if (_h)
			CON_OR_RESET(_h);
		return -1;
	}
	if (_c == NULL) {
		ret = put(b, &off, "select * from ", 14, "");
	} else {
		ret = put(b, &off, "select ", 7, "");
		if (ret == 0)
			ret = put_printed(&off, db_print_columns(b + off, SQL_BUF_LEN - off, _c, _nc));
		if (ret == 0)
			ret = put(b, &off, "from ", 5, "");
	}
	if (ret == 0)
		ret = put(b, &off, CON_TABLE(_h)->s, CON_TABLE(_h)->len, " ");
	if (ret == 0 && _n > 0) {
		ret = put(b, &off, "where ", 6, "");
		if (ret == 0)
			ret = put_printed(&off, db_print_where(_h, b + off, SQL_BUF_LEN - off,
					_k, _op, _v, _n, val2str));
	}
	if (ret == 0 && _o != NULL)
		ret = (put(b, &off, " order by ", 10, "") || put(b, &off, _o->s, _o->len, "")) ? -1 : 0;
	if (ret == 0)
		ret = submit(_h, b, off, submit_query);
	if (ret == 0 && _r) {
		ret = store_result(_h, _r);
		if (ret < 0)
			LM_ERR("cannot store the result of [%.*s]\n", off, b);
	}
	CON_OR_RESET(_h);
	return ret < 0 ? (ret == -2 ? -1 : ret) : 0;
}

int db_do_raw_query(const db_con_t *_h, const str *_s, db_res_t **_r,
		int (*submit_query)(const db_con_t *_h, const str *_c),
		int (*store_result)(const db_con_t *_h, db_res_t **_r))
{
	int ret;

	if (_h == NULL || _s == NULL || submit_query == NULL || store_result == NULL) {
		LM_ERR("db_do_raw_query: bad arguments\n");
		return -1;
	}
	if (submit_query(_h, _s) < 0) {
		LM_ERR("the database refused [%.*s]\n", _s->len, _s->s);
		return -2;
	}
	if (_r && (ret = store_result(_h, _r)) < 0) {
		LM_ERR("cannot store the result of [%.*s]\n", _s->len, _s->s);
		return ret;
	}
	return 0;
}

/* "(v1,v2,...)" for one row. */
static int put_row(const db_con_t *_h, char *b, int *off, const db_val_t *row, int _n,
		int (*val2str)(const db_con_t *, const db_val_t *, char *, int *))
{
	if (put(b, off, "(", 1, "") < 0)
		return -1;
	if (put_printed(off, db_print_values(_h, b + *off, SQL_BUF_LEN - *off, row, _n, val2str)) < 0)
		return -1;
	return put(b, off, ")", 1, "");
}

int db_do_insert(const db_con_t *_h, const db_key_t *_k, const db_val_t *_v,
		const int _n, int (*val2str)(const db_con_t *, const db_val_t *, char *, int *),
		int (*submit_query)(const db_con_t *_h, const str *_c))
{
	char *b = buffer();
	int off = 0, i, rows = 0;
	db_val_t **queued = NULL;

	if (_h == NULL || b == NULL || _k == NULL || _v == NULL || _n <= 0 || val2str == NULL
			|| submit_query == NULL || !table_ok(_h)) {
		LM_ERR("db_do_insert: bad arguments\n");
		return -1;
	}
	if (CON_HAS_INSLIST(_h) && !CON_HAS_PS(_h)) {
		if (IS_INSTANT_FLUSH(_h)) {
			/* a flush (timer, shutdown, ql_flush_rows): the caller holds the queue's lock */
			rows = ql_detach_rows_unsafe(_h->ins_list, &queued);
			CON_FLUSH_RESET(_h, _h->ins_list);
			if (rows < 0)
				return -1;
			if (rows == 0)
				return 0;
		} else {
			rows = ql_row_add(_h->ins_list, _v, &queued);
			if (rows < 0)
				return -1;
			if (rows == 0)
				return 0;   /* queued; written when the queue fills or the timer fires */
		}
	}
	if (put(b, &off, "insert into ", 12, "") < 0
			|| put(b, &off, CON_TABLE(_h)->s, CON_TABLE(_h)->len, " (") < 0
			|| put_printed(&off, db_print_columns(b + off, SQL_BUF_LEN - off, _k, _n)) < 0
			|| put(b, &off, ") values ", 9, "") < 0)
		goto error;
	if (queued != NULL) {
		for (i = 0; i < rows; i++) {
			if (i > 0 && put(b, &off, ",", 1, "") < 0)
				goto error;
			if (put_row(_h, b, &off, queued[i], _n, val2str) < 0)
				goto error;
		}
		cleanup_rows(queued);
	} else if (put_row(_h, b, &off, _v, _n, val2str) < 0) {
		goto error;
	}
	return submit(_h, b, off, submit_query);
error:
	if (queued != NULL) {
		LM_ERR("%d queued rows of %.*s are lost\n", rows, CON_TABLE(_h)->len, CON_TABLE(_h)->s);
		cleanup_rows(queued);
	}
	return -1;
}

int db_do_delete(const db_con_t *_h, const db_key_t *_k, const db_op_t *_o,
		const db_val_t *_v, const int _n,
		int (*val2str)(const db_con_t *, const db_val_t *, char *, int *),
		int (*submit_query)(const db_con_t *_h, const str *_c))
{
	char *b = buffer();
	int off = 0, ret;

	if (_h == NULL || b == NULL || val2str == NULL || submit_query == NULL || !table_ok(_h)) {
		LM_ERR("db_do_delete: bad arguments\n");
		if (_h)
			CON_OR_RESET(_h);
		return -1;
	}
	ret = put(b, &off, "delete from ", 12, "")
			|| put(b, &off, CON_TABLE(_h)->s, CON_TABLE(_h)->len, "");
	if (ret == 0 && _n > 0)
		ret = put(b, &off, " where ", 7, "")
				|| put_printed(&off, db_print_where(_h, b + off, SQL_BUF_LEN - off,
						_k, _o, _v, _n, val2str));
	ret = ret ? -1 : submit(_h, b, off, submit_query);
	CON_OR_RESET(_h);
	return ret;
}

int db_do_update(const db_con_t *_h, const db_key_t *_k, const db_op_t *_o,
		const db_val_t *_v, const db_key_t *_uk, const db_val_t *_uv, const int _n,
		const int _un, int (*val2str)(const db_con_t *, const db_val_t *, char *, int *),
		int (*submit_query)(const db_con_t *_h, const str *_c))
{
	char *b = buffer();
	int off = 0, ret;

	if (_h == NULL || b == NULL || _uk == NULL || _uv == NULL || _un <= 0 || val2str == NULL
			|| submit_query == NULL || !table_ok(_h)) {
		LM_ERR("db_do_update: bad arguments\n");
		if (_h)
			CON_OR_RESET(_h);
		return -1;
	}
	ret = put(b, &off, "update ", 7, "")
			|| put(b, &off, CON_TABLE(_h)->s, CON_TABLE(_h)->len, " set ")
			|| put_printed(&off, db_print_set(_h, b + off, SQL_BUF_LEN - off, _uk, _uv, _un,
					val2str));
	if (ret == 0 && _n > 0)
		ret = put(b, &off, " where ", 7, "")
				|| put_printed(&off, db_print_where(_h, b + off, SQL_BUF_LEN - off,
						_k, _o, _v, _n, val2str));
	ret = ret ? -1 : submit(_h, b, off, submit_query);
	CON_OR_RESET(_h);
	return ret;
}

int db_do_replace(const db_con_t *_h, const db_key_t *_k, const db_val_t *_v,
		const int _n, int (*val2str)(const db_con_t *, const db_val_t *, char *, int *),
		int (*submit_query)(const db_con_t *_h, const str *_c))
{
	char *b = buffer();
	int off = 0;

	if (_h == NULL || b == NULL || _k == NULL || _v == NULL || _n <= 0 || val2str == NULL
			|| submit_query == NULL || !table_ok(_h)) {
		LM_ERR("db_do_replace: bad arguments\n");
		return -1;
	}
	if (put(b, &off, "replace ", 8, "") < 0
			|| put(b, &off, CON_TABLE(_h)->s, CON_TABLE(_h)->len, " (") < 0
			|| put_printed(&off, db_print_columns(b + off, SQL_BUF_LEN - off, _k, _n)) < 0
			|| put(b, &off, ") values ", 9, "") < 0
			|| put_row(_h, b, &off, _v, _n, val2str) < 0)
		return -1;
	return submit(_h, b, off, submit_query);
}
