/* sipbridge's Java DB drivers as a db_func_t (docs/db.md). Each operation is one upcall:
 * the C side writes the request into a per-thread buffer (wire format in
 * java/.../db/Wire.java), Java runs it over JDBC on the handle's own connection and writes
 * the answer back into the same buffer, which C turns into a db_res_t.
 *
 * Memory: the db_con_t (with its URL and the sb_jdb tail) is one pkg block of the module
 * that called init, freed by close. A result is three pkg blocks of the caller: the
 * db_res_t, its column block (names, strs, types, name bytes) and its rows block (rows,
 * values, then every string/blob value's bytes, each NUL-terminated); free_result (or
 * the next fetch_result, for the rows) frees them. Values never carry VAL_FREE. */
#include <stdlib.h>
#include <string.h>
#include "db_sdk.h"

/* Operation codes (Wire.java). */
enum { OP_QUERY = 1, OP_FETCH, OP_RAW, OP_INSERT, OP_DELETE, OP_UPDATE, OP_REPLACE,
	OP_LAST_ID, OP_INSERT_UPDATE, OP_CLOSE_CURSOR };

/* Java's answers to exec: the answer length (>= 4), or -1 (Java failed before answering).
 * When the answer is longer than cap, nothing was written: C grows the buffer to the
 * returned length and calls take, which writes the pending answer. */
typedef long (*sb_db_open_f)(const char *url, int len);
typedef void (*sb_db_close_f)(long handle);
typedef int (*sb_db_exec_f)(long handle, char *buf, int len, int cap);
typedef int (*sb_db_take_f)(long handle, char *buf, int cap);
typedef int (*sb_db_serves_f)(const char *url, int len);

static sb_db_open_f open_cb;
static sb_db_close_f close_cb;
static sb_db_exec_f exec_cb;
static sb_db_take_f take_cb;
static sb_db_serves_f serves_cb;

SB_JAVA_API void sb_db_set_callbacks(sb_db_open_f open, sb_db_close_f close, sb_db_exec_f exec,
		sb_db_take_f take, sb_db_serves_f serves)
{
	open_cb = open;
	close_cb = close;
	exec_cb = exec;
	take_cb = take;
	serves_cb = serves;
}

/* The db_con_t tail. */
struct sb_jdb {
	long handle;       /* Java's handle id */
	int cursor_open;   /* a query ran with _r NULL: fetch_result reads it */
};

#define JDB(h) ((struct sb_jdb *)CON_TAIL(h))

/* ---- the per-thread buffer */

#define IO_INITIAL (16 * 1024)

struct io {
	char *buf;
	int cap;
	int len;
	int bad;   /* out of memory while writing */
};
static __thread struct io io;

static int io_reserve(int need)
{
	char *b;
	int cap;

	if (io.len + need <= io.cap)
		return 0;
	cap = io.cap ? io.cap : IO_INITIAL;
	while (cap < io.len + need)
		cap *= 2;
	b = realloc(io.buf, cap);
	if (b == NULL) {
		io.bad = 1;
		return -1;
	}
	io.buf = b;
	io.cap = cap;
	return 0;
}

static void put_bytes(const void *p, int n)
{
	if (io_reserve(n) == 0) {
		memcpy(io.buf + io.len, p, n);
		io.len += n;
	}
}

static void put_u8(int v) { unsigned char c = (unsigned char)v; put_bytes(&c, 1); }
static void put_i32(int v) { put_bytes(&v, 4); }
static void put_i64(long long v) { put_bytes(&v, 8); }
static void put_f64(double v) { put_bytes(&v, 8); }

/* A counted string; len -1 means "none". */
static void put_str(const char *s, int len)
{
	if (s == NULL || len < 0) {
		put_i32(-1);
		return;
	}
	put_i32(len);
	put_bytes(s, len);
}

static void put_key(const db_key_t k)
{
	if (k == NULL)
		put_str(NULL, -1);
	else
		put_str(k->s, k->len);
}

static void put_val(const db_val_t *v)
{
	put_u8(VAL_TYPE(v));
	put_u8(VAL_NULL(v) ? 1 : 0);
	if (VAL_NULL(v))
		return;
	switch (VAL_TYPE(v)) {
	case DB_INT: put_i32(VAL_INT(v)); break;
	case DB_BIGINT: put_i64(VAL_BIGINT(v)); break;
	case DB_DOUBLE: put_f64(VAL_DOUBLE(v)); break;
	case DB_STRING:
		put_str(VAL_STRING(v) ? VAL_STRING(v) : "", VAL_STRING(v) ? (int)strlen(VAL_STRING(v)) : 0);
		break;
	case DB_STR: put_str(VAL_STR(v).s ? VAL_STR(v).s : "", VAL_STR(v).s ? VAL_STR(v).len : 0); break;
	case DB_BLOB: put_str(VAL_BLOB(v).s ? VAL_BLOB(v).s : "", VAL_BLOB(v).s ? VAL_BLOB(v).len : 0); break;
	case DB_DATETIME: put_i64((long long)VAL_TIME(v)); break;
	case DB_BITMAP: put_i32((int)VAL_BITMAP(v)); break;
	default: io.bad = 1; break;
	}
}

/* keys with (optional) operators and values */
static void put_where(const db_key_t *k, const db_op_t *o, const db_val_t *v, int n, int with_ops)
{
	int i;

	put_i32(n);
	for (i = 0; i < n; i++) {
		put_key(k[i]);
		if (with_ops)
			put_str(o && o[i] ? o[i] : NULL, o && o[i] ? (int)strlen(o[i]) : -1);
		put_val(v + i);
	}
}

static void begin(const db_con_t *h, int op)
{
	io.len = 0;
	io.bad = 0;
	put_u8(op);
	if (h->table && h->table->s)
		put_str(h->table->s, h->table->len);
	else
		put_str(NULL, -1);
	put_i32(h->flags);
}

/* ---- reading the answer */

struct reader {
	const char *p, *end;
	int bad;
};

static const void *take(struct reader *r, int n)
{
	const char *p = r->p;

	if (n < 0 || r->end - r->p < n) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	return p;
}

static int get_i32(struct reader *r) { int v = 0; const void *p = take(r, 4); if (p) memcpy(&v, p, 4); return v; }
static long long get_i64(struct reader *r) { long long v = 0; const void *p = take(r, 8); if (p) memcpy(&v, p, 8); return v; }
static double get_f64(struct reader *r) { double v = 0; const void *p = take(r, 8); if (p) memcpy(&v, p, 8); return v; }
static int get_u8(struct reader *r) { const unsigned char *p = take(r, 1); return p ? *p : 0; }

/* Sends the request; the reader is set on the answer, whose status it returns (0 ok, < 0
 * error), or -1 when the round trip failed. */
static int roundtrip(const db_con_t *h, struct reader *r)
{
	int n;

	if (exec_cb == NULL) {
		LM_ERR("sipbridge's Java DB drivers are not running\n");
		return -1;
	}
	if (io.bad) {
		LM_ERR("no memory for the DB request\n");
		return -1;
	}
	n = exec_cb(JDB(h)->handle, io.buf, io.len, io.cap);
	if (n > io.cap) {
		io.len = 0;
		if (io_reserve(n) < 0 || take_cb(JDB(h)->handle, io.buf, io.cap) != n) {
			LM_ERR("no memory for a DB answer of %d bytes\n", n);
			return -1;
		}
	}
	if (n < 4)
		return -1;
	r->p = io.buf;
	r->end = io.buf + n;
	r->bad = 0;
	return get_i32(r);
}

/* Decodes a result into res. The columns are set on the first answer (with_columns) and
 * only checked on later fetches. */
static int read_result(struct reader *r, db_res_t *res, int with_columns)
{
	int ncols, nrows, total, i, j, len, var_bytes, name_bytes;
	size_t head = 0;
	char *block, *pos, *names = NULL;

	ncols = get_i32(r);
	name_bytes = get_i32(r);
	if (r->bad || ncols < 0 || name_bytes < 0 || (!with_columns && ncols != RES_COL_N(res)))
		return -1;
	if (with_columns) {
		/* db_allocate_columns' block, grown to hold the names' bytes too, so that
		 * db_free_columns' single free stays right */
		RES_COL_N(res) = ncols;
		head = ncols * (sizeof(db_key_t) + sizeof(str) + sizeof(db_type_t));
		block = pkg_malloc(head + name_bytes + ncols + 1);
		if (block == NULL)
			return -1;
		RES_NAMES(res) = (db_key_t *)block;
		for (i = 0; i < ncols; i++)
			RES_NAMES(res)[i] = (str *)(RES_NAMES(res) + ncols) + i;
		RES_TYPES(res) = (db_type_t *)((str *)(RES_NAMES(res) + ncols) + ncols);
		names = block + head;
	}
	for (i = 0; i < ncols; i++) {
		const char *s;
		int type;
		len = get_i32(r);
		s = take(r, len);
		type = get_u8(r);
		if (r->bad || (with_columns && names + len + 1 > (char *)RES_NAMES(res) + head + name_bytes + ncols + 1))
			return -1;
		if (with_columns) {
			RES_TYPES(res)[i] = type;
			memcpy(names, s, len);
			names[len] = '\0';
			RES_NAMES(res)[i]->s = names;
			RES_NAMES(res)[i]->len = len;
			names += len + 1;
		}
	}
	nrows = get_i32(r);
	total = get_i32(r);
	var_bytes = get_i32(r);
	if (r->bad || nrows < 0 || var_bytes < 0)
		return -1;
	head = nrows * (sizeof(db_row_t) + sizeof(db_val_t) * ncols);
	block = pkg_malloc(head + var_bytes + 1);
	if (block == NULL) {
		LM_ERR("no pkg memory for %d result rows\n", nrows);
		return -1;
	}
	memset(block, 0, head);
	RES_ROWS(res) = (db_row_t *)block;
	RES_ROW_N(res) = nrows;
	pos = block + head;
	for (i = 0; i < nrows; i++) {
		db_row_t *row = &RES_ROWS(res)[i];
		ROW_VALUES(row) = (db_val_t *)(RES_ROWS(res) + nrows) + (size_t)ncols * i;
		ROW_N(row) = ncols;
		for (j = 0; j < ncols; j++) {
			db_val_t *v = &ROW_VALUES(row)[j];
			VAL_TYPE(v) = get_u8(r);
			VAL_NULL(v) = get_u8(r);
			if (VAL_NULL(v)) {
				/* a NULL string still points at "" for modules that read it anyway */
				if (VAL_TYPE(v) == DB_STRING)
					VAL_STRING(v) = "";
				continue;
			}
			switch (VAL_TYPE(v)) {
			case DB_INT: VAL_INT(v) = get_i32(r); break;
			case DB_BIGINT: VAL_BIGINT(v) = get_i64(r); break;
			case DB_DOUBLE: VAL_DOUBLE(v) = get_f64(r); break;
			case DB_DATETIME: VAL_TIME(v) = (time_t)get_i64(r); break;
			case DB_BITMAP: VAL_BITMAP(v) = (unsigned int)get_i32(r); break;
			case DB_STRING: case DB_STR: case DB_BLOB: {
				const char *s;
				len = get_i32(r);
				s = take(r, len);
				if (r->bad || pos + len + 1 > block + head + var_bytes + 1) {
					r->bad = 1;
					break;
				}
				memcpy(pos, s, len);
				pos[len] = '\0';
				if (VAL_TYPE(v) == DB_STRING) {
					VAL_STRING(v) = pos;
				} else {
					VAL_STR(v).s = pos;
					VAL_STR(v).len = len;
				}
				pos += len + 1;
				break;
			}
			default:
				r->bad = 1;
			}
			if (r->bad)
				return -1;
		}
	}
	RES_NUM_ROWS(res) = total >= 0 ? total : RES_LAST_ROW(res) + nrows;
	RES_LAST_ROW(res) += nrows;
	return r->bad ? -1 : 0;
}

static void free_res(db_res_t *res)
{
	if (res == NULL)
		return;
	pkg_free(RES_ROWS(res));
	pkg_free(RES_NAMES(res));
	pkg_free(res);
}

/* Answers with a result into *_r (a new db_res_t). */
static int result_answer(struct reader *r, db_res_t **_r)
{
	db_res_t *res;

	if (get_i32(r) == 0) {   /* the statement produced no rows at all */
		res = db_new_result();
		if (res == NULL)
			return -1;
		*_r = res;
		return 0;
	}
	res = db_new_result();
	if (res == NULL || read_result(r, res, 1) < 0) {
		LM_ERR("malformed or oversized DB result\n");
		free_res(res);
		return -1;
	}
	*_r = res;
	return 0;
}

static int jdb_use_table(db_con_t *_h, const str *_t)
{
	return db_use_table(_h, _t);
}

static db_con_t *jdb_init(const str *url)
{
	db_con_t *h;
	struct sb_jdb *t;
	long handle;

	if (url == NULL || url->s == NULL || open_cb == NULL) {
		LM_ERR("no URL, or sipbridge's Java DB drivers are not running\n");
		return NULL;
	}
	handle = open_cb(url->s, url->len);
	if (handle <= 0) {
		LM_ERR("cannot open '%.*s'\n", url->len, url->s);
		return NULL;
	}
	h = pkg_malloc(sizeof(db_con_t) + sizeof(struct sb_jdb) + url->len + 1);
	if (h == NULL) {
		LM_ERR("no pkg memory for a database handle\n");
		close_cb(handle);
		return NULL;
	}
	memset(h, 0, sizeof(db_con_t) + sizeof(struct sb_jdb));
	t = (struct sb_jdb *)(h + 1);
	t->handle = handle;
	h->tail = (unsigned long)t;
	h->url.s = (char *)(t + 1);
	h->url.len = url->len;
	memcpy(h->url.s, url->s, url->len);
	h->url.s[url->len] = '\0';
	return h;
}

static void jdb_close(db_con_t *_h)
{
	if (_h == NULL)
		return;
	if (close_cb)
		close_cb(JDB(_h)->handle);
	pkg_free(_h);
}

static int jdb_query(const db_con_t *_h, const db_key_t *_k, const db_op_t *_op,
		const db_val_t *_v, const db_key_t *_c, const int _n, const int _nc,
		const db_key_t _o, db_res_t **_r)
{
	struct reader r;
	int i, st;

	if (_r)
		*_r = NULL;
	if (_h == NULL || (_n > 0 && (_k == NULL || _v == NULL)) || (_nc > 0 && _c == NULL)) {
		LM_ERR("db query: bad arguments\n");
		return -1;
	}
	begin(_h, OP_QUERY);
	put_where(_k, _op, _v, _n, 1);
	put_i32(_c ? _nc : 0);
	for (i = 0; _c && i < _nc; i++)
		put_key(_c[i]);
	put_key(_o);
	put_u8(_r != NULL);
	CON_OR_RESET((db_con_t *)_h);
	st = roundtrip(_h, &r);
	JDB(_h)->cursor_open = 0;
	if (st < 0)
		return -1;
	if (_r == NULL) {
		JDB(_h)->cursor_open = 1;
		return 0;
	}
	return result_answer(&r, _r);
}

static int jdb_fetch_result(const db_con_t *_h, db_res_t **_r, const int _n)
{
	struct reader r;
	db_res_t *res;

	if (_h == NULL || _r == NULL || _n < 0) {
		LM_ERR("fetch_result: bad arguments\n");
		return -1;
	}
	if (!JDB(_h)->cursor_open) {
		if (*_r != NULL) {
			/* a result the query returned whole: every row is read already, the next
			 * batch is empty, as the C drivers answer (1.11's load_balancer fetches after
			 * a whole query) */
			pkg_free(RES_ROWS(*_r));
			RES_ROWS(*_r) = NULL;
			RES_ROW_N(*_r) = 0;
			return 0;
		}
		LM_ERR("fetch_result without a query run for fetching (query with a NULL result)\n");
		return -1;
	}
	begin(_h, OP_FETCH);
	put_i32(_n);
	if (roundtrip(_h, &r) < 0)
		return -1;
	if (*_r == NULL) {
		if (result_answer(&r, _r) < 0)
			return -1;
		return 0;
	}
	res = *_r;
	pkg_free(RES_ROWS(res));
	RES_ROWS(res) = NULL;
	RES_ROW_N(res) = 0;
	if (get_i32(&r) == 0)
		return 0;
	return read_result(&r, res, 0);
}

static int jdb_free_result(db_con_t *_h, db_res_t *_r)
{
	struct reader r;

	if (_r == NULL) {
		LM_ERR("free_result: NULL result\n");
		return -1;
	}
	free_res(_r);
	if (_h != NULL && JDB(_h)->cursor_open) {
		JDB(_h)->cursor_open = 0;
		begin(_h, OP_CLOSE_CURSOR);
		roundtrip(_h, &r);
	}
	return 0;
}

static int jdb_raw_query(const db_con_t *_h, const str *_s, db_res_t **_r)
{
	struct reader r;

	if (_r)
		*_r = NULL;
	if (_h == NULL || _s == NULL || _s->s == NULL) {
		LM_ERR("raw_query: bad arguments\n");
		return -1;
	}
	begin(_h, OP_RAW);
	put_str(_s->s, _s->len);
	put_u8(_r != NULL);
	if (roundtrip(_h, &r) < 0)
		return -1;
	return _r ? result_answer(&r, _r) : 0;
}

static int simple(const db_con_t *_h, int op, const db_key_t *_k, const db_val_t *_v, int _n)
{
	struct reader r;

	if (_h == NULL || _k == NULL || _v == NULL || _n <= 0) {
		LM_ERR("insert: bad arguments\n");
		return -1;
	}
	begin(_h, op);
	put_where(_k, NULL, _v, _n, 0);
	return roundtrip(_h, &r) < 0 ? -1 : 0;
}

static int jdb_insert(const db_con_t *_h, const db_key_t *_k, const db_val_t *_v, const int _n)
{
	return simple(_h, OP_INSERT, _k, _v, _n);
}

static int jdb_replace(const db_con_t *_h, const db_key_t *_k, const db_val_t *_v, const int _n)
{
	return simple(_h, OP_REPLACE, _k, _v, _n);
}

static int jdb_insert_update(const db_con_t *_h, const db_key_t *_k, const db_val_t *_v,
		const int _n)
{
	return simple(_h, OP_INSERT_UPDATE, _k, _v, _n);
}

static int jdb_delete(const db_con_t *_h, const db_key_t *_k, const db_op_t *_o,
		const db_val_t *_v, const int _n)
{
	struct reader r;

	if (_h == NULL || (_n > 0 && (_k == NULL || _v == NULL))) {
		LM_ERR("delete: bad arguments\n");
		return -1;
	}
	begin(_h, OP_DELETE);
	put_where(_k, _o, _v, _n, 1);
	CON_OR_RESET((db_con_t *)_h);
	return roundtrip(_h, &r) < 0 ? -1 : 0;
}

static int jdb_update(const db_con_t *_h, const db_key_t *_k, const db_op_t *_o,
		const db_val_t *_v, const db_key_t *_uk, const db_val_t *_uv, const int _n,
		const int _un)
{
	struct reader r;

	if (_h == NULL || (_n > 0 && (_k == NULL || _v == NULL)) || _uk == NULL || _uv == NULL
			|| _un <= 0) {
		LM_ERR("update: bad arguments\n");
		return -1;
	}
	begin(_h, OP_UPDATE);
	put_where(_k, _o, _v, _n, 1);
	put_where(_uk, NULL, _uv, _un, 0);
	CON_OR_RESET((db_con_t *)_h);
	return roundtrip(_h, &r) < 0 ? -1 : 0;
}

static int jdb_last_inserted_id(const db_con_t *_h)
{
	struct reader r;

	if (_h == NULL)
		return -1;
	begin(_h, OP_LAST_ID);
	if (roundtrip(_h, &r) < 0)
		return -1;
	return (int)get_i64(&r);
}

int sb_db_java_serves(const str *url)
{
	return serves_cb != NULL && url != NULL && url->s != NULL && serves_cb(url->s, url->len) > 0;
}

int sb_db_java_bind(const str *url, db_func_t *dbf)
{
	memset(dbf, 0, sizeof(*dbf));
	dbf->use_table = jdb_use_table;
	dbf->init = jdb_init;
	dbf->close = jdb_close;
	dbf->query = jdb_query;
	dbf->fetch_result = jdb_fetch_result;
	dbf->raw_query = jdb_raw_query;
	dbf->free_result = jdb_free_result;
	dbf->insert = jdb_insert;
	dbf->delete = jdb_delete;
	dbf->update = jdb_update;
	dbf->replace = jdb_replace;
	dbf->last_inserted_id = jdb_last_inserted_id;
	dbf->insert_update = jdb_insert_update;
	return 0;
}
