/* Cachedb engines served by Java (the cachedb_redis stand-in, org.sipbridge.cachedb) as a
 * cachedb_funcs C modules bind with cachedb_bind_mod, and the entry the script's cache_*
 * functions use (sb_cachedb_script).
 *
 * One operation is one upcall: C writes the request into a per-thread buffer, Java runs
 * it on the handle's own connection and writes the answer into the same buffer.
 *   request:  int op, int n (add/sub), int expires, int key_len, int val_len (-1: none),
 *             then the key bytes and the value bytes
 *   answer:   exec returns the engine's status (1.11's redis codes: 0 done, 1 remove found
 *             nothing, -1 error, -2 no such key, -3 not a counter); the int at buf[0] is
 *             the value's length (get) or the counter (get_counter, add, sub), the value's
 *             bytes follow. SB_CDB_MORE: the value did not fit, buf[0] holds the length and
 *             take() writes it once C has grown the buffer.
 *
 * Memory: a connection (struct sb_jcdb: the pool fields, then Java's handle id) is pkg of
 * the thread that opened it, freed when its last cachedb_con goes (destroy); its id too.
 * A value get returns is pkg the caller frees (1.11's contract). The request buffers are
 * malloc'd once per thread and reused. */
#include <stdlib.h>
#include <string.h>
#include "cachedb_sdk.h"

enum { CDB_OP_GET = 1, CDB_OP_GET_COUNTER, CDB_OP_SET, CDB_OP_REMOVE, CDB_OP_ADD, CDB_OP_SUB, CDB_OP_RAW };
#define SB_CDB_MORE 2
#define HDR 20

typedef long (*sb_cdb_open_f)(const char *url, int len);
typedef void (*sb_cdb_close_f)(long handle);
typedef int (*sb_cdb_exec_f)(long handle, char *buf, int len, int cap);
typedef int (*sb_cdb_take_f)(long handle, char *buf, int cap);

static sb_cdb_open_f open_cb;
static sb_cdb_close_f close_cb;
static sb_cdb_exec_f exec_cb;
static sb_cdb_take_f take_cb;

SB_JAVA_API void sb_cachedb_java_set_callbacks(sb_cdb_open_f open, sb_cdb_close_f close,
		sb_cdb_exec_f exec, sb_cdb_take_f take)
{
	open_cb = open;
	close_cb = close;
	exec_cb = exec;
	take_cb = take;
}

/* A pooled connection: cachedb_pool_con's fields first, as the pool expects. */
struct sb_jcdb {
	struct cachedb_id *id;
	unsigned int ref;
	struct cachedb_pool_con_t *next;
	long handle;
};

static __thread struct { char *buf; int cap; } io;
static __thread const str *opening;   /* the URL new_connection opens (cachedb_do_init gives only its id) */

static int io_reserve(int need)
{
	char *b;
	int cap;

	if (need <= io.cap)
		return 0;
	cap = io.cap ? io.cap : 4096;
	while (cap < need)
		cap *= 2;
	b = realloc(io.buf, cap);
	if (b == NULL) {
		LM_ERR("no memory for a cachedb request of %d bytes\n", need);
		return -1;
	}
	io.buf = b;
	io.cap = cap;
	return 0;
}

static void *new_connection(struct cachedb_id *id)
{
	struct sb_jcdb *c;
	long h;

	if (open_cb == NULL || opening == NULL) {
		LM_ERR("no Java cachedb engine installed\n");
		return NULL;
	}
	h = open_cb(opening->s, opening->len);
	if (h <= 0)
		return NULL;
	c = pkg_malloc(sizeof(*c));
	if (c == NULL) {
		close_cb(h);
		return NULL;
	}
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->ref = 1;
	c->handle = h;
	return c;
}

static void free_connection(cachedb_pool_con *pc)
{
	struct sb_jcdb *c = (struct sb_jcdb *)pc;

	if (c == NULL)
		return;
	if (close_cb)
		close_cb(c->handle);
	free_cachedb_id(c->id);
	pkg_free(c);
}

static cachedb_con *jcdb_init(str *url)
{
	cachedb_con *con;

	opening = url;
	con = cachedb_do_init(url, new_connection);
	opening = NULL;
	return con;
}

static void jcdb_destroy(cachedb_con *con)
{
	cachedb_do_close(con, free_connection);
}

/* Runs one operation; the answer is at io.buf (status returned). */
static int run(cachedb_con *con, int op, str *attr, str *val, int n, int expires)
{
	int vlen = val ? val->len : -1, len, r, need;
	int *h;
	struct sb_jcdb *c;

	if (con == NULL || con->data == NULL || attr == NULL || attr->s == NULL || attr->len < 0) {
		LM_ERR("null cachedb connection or key\n");
		return -1;
	}
	if (exec_cb == NULL) {
		LM_ERR("no Java cachedb engine installed\n");
		return -1;
	}
	c = (struct sb_jcdb *)con->data;
	len = HDR + attr->len + (vlen > 0 ? vlen : 0);
	if (io_reserve(len < 64 ? 64 : len) < 0)
		return -1;
	h = (int *)io.buf;
	h[0] = op;
	h[1] = n;
	h[2] = expires;
	h[3] = attr->len;
	h[4] = vlen;
	memcpy(io.buf + HDR, attr->s, attr->len);
	if (vlen > 0)
		memcpy(io.buf + HDR + attr->len, val->s, vlen);
	r = exec_cb(c->handle, io.buf, len, io.cap);
	if (r == SB_CDB_MORE) {
		need = *(int *)io.buf + 4;
		if (need < 4 || io_reserve(need) < 0)
			return -1;
		r = take_cb(c->handle, io.buf, io.cap);
	}
	return r;
}

static int jcdb_get(cachedb_con *con, str *attr, str *val)
{
	int r, len;

	if (val == NULL)
		return -1;
	val->s = NULL;
	val->len = 0;
	r = run(con, CDB_OP_GET, attr, NULL, 0, 0);
	if (r != 0)
		return r;
	len = *(int *)io.buf;
	val->s = pkg_malloc(len > 0 ? len : 1);
	if (val->s == NULL) {
		LM_ERR("no pkg memory for a value of %d bytes\n", len);
		return -1;
	}
	memcpy(val->s, io.buf + 4, len);
	val->len = len;
	return 0;
}

static int jcdb_counter(cachedb_con *con, int op, str *attr, int n, int expires, int *out)
{
	int r = run(con, op, attr, NULL, n, expires);

	if (r == 0 && out)
		*out = *(int *)io.buf;
	return r;
}

static int jcdb_get_counter(cachedb_con *con, str *attr, int *val)
{
	if (val == NULL)
		return -1;
	return jcdb_counter(con, CDB_OP_GET_COUNTER, attr, 0, 0, val);
}

static int jcdb_set(cachedb_con *con, str *attr, str *val, int expires)
{
	if (val == NULL || (val->s == NULL && val->len > 0))
		return -1;
	return run(con, CDB_OP_SET, attr, val, 0, expires);
}

static int jcdb_remove(cachedb_con *con, str *attr)
{
	return run(con, CDB_OP_REMOVE, attr, NULL, 0, 0);
}

static int jcdb_add(cachedb_con *con, str *attr, int val, int expires, int *new_val)
{
	return jcdb_counter(con, CDB_OP_ADD, attr, val, expires, new_val);
}

static int jcdb_sub(cachedb_con *con, str *attr, int val, int expires, int *new_val)
{
	return jcdb_counter(con, CDB_OP_SUB, attr, val, expires, new_val);
}

/* A raw query (1.11's cachedb_redis): the text is sent as a command split at spaces. The
 * answer (as a get's: length, then bytes) is the row count, then per row an int type (0
 * integer, 1 string) and the integer or the string's length and bytes. 1 on success
 * (a status reply: no rows), -2 for nil, -1 on error. Each row is an array of
 * expected_kv_no entries (at least one, zeroed) whose first carries the value; strings,
 * rows and the row array are pkg the caller frees with free_raw_fetch(*reply,
 * expected_kv_no, *reply_no); no rows: *reply is NULL. */
static int jcdb_raw(cachedb_con *con, str *query, cdb_raw_entry ***reply, int expected_kv_no,
		int *reply_no)
{
	int r, len, n, i, per_row, off, type, v;
	cdb_raw_entry **rows = NULL;

	r = run(con, CDB_OP_RAW, query, NULL, 0, 0);
	if (r == -2)
		return -2;
	if (r != 0)
		return -1;
	if (reply == NULL)
		return 1;   /* the caller wants no values */
	len = *(int *)io.buf;
	if (len < 4)
		return -1;
	n = *(int *)(io.buf + 4);
	*reply = NULL;
	if (reply_no)
		*reply_no = 0;
	if (n <= 0)
		return 1;
	per_row = expected_kv_no > 0 ? expected_kv_no : 1;
	rows = pkg_malloc(n * sizeof(*rows));
	if (rows == NULL)
		goto nomem;
	memset(rows, 0, n * sizeof(*rows));
	off = 8;
	for (i = 0; i < n; i++) {
		if (off + 8 > 4 + len)
			goto bad;
		type = *(int *)(io.buf + off);
		v = *(int *)(io.buf + off + 4);
		off += 8;
		rows[i] = pkg_malloc(per_row * sizeof(cdb_raw_entry));
		if (rows[i] == NULL)
			goto nomem;
		memset(rows[i], 0, per_row * sizeof(cdb_raw_entry));
		if (type == 0) {
			rows[i][0].type = CDB_INT;
			rows[i][0].val.n = v;
			continue;
		}
		if (v < 0 || off + v > 4 + len)
			goto bad;
		rows[i][0].type = CDB_STR;
		rows[i][0].val.s.s = pkg_malloc(v > 0 ? v : 1);
		if (rows[i][0].val.s.s == NULL) {
			rows[i][0].type = CDB_INT;
			goto nomem;
		}
		memcpy(rows[i][0].val.s.s, io.buf + off, v);
		rows[i][0].val.s.len = v;
		off += v;
	}
	*reply = rows;
	if (reply_no)
		*reply_no = n;
	return 1;
bad:
	LM_ERR("malformed raw query answer\n");
	goto fail;
nomem:
	LM_ERR("no pkg memory for a raw query answer of %d rows\n", n);
fail:
	for (i = 0; rows && i < n && rows[i]; i++) {
		if (rows[i][0].type == CDB_STR)
			pkg_free(rows[i][0].val.s.s);
		pkg_free(rows[i]);
	}
	if (rows)
		pkg_free(rows);
	return -1;
}

/* Java, from the stand-in's mod_init: registers the engine name ("redis") served by the
 * Java engine, owned by module (a Java module: no lock). 0 or -1. */
SB_JAVA_API int sb_cachedb_java_register(const char *name, int module)
{
	cachedb_engine cde;
	int saved = sb_current_module, r;

	memset(&cde, 0, sizeof(cde));
	cde.name.s = (char *)name;
	cde.name.len = name ? strlen(name) : 0;
	cde.cdb_func.init = jcdb_init;
	cde.cdb_func.destroy = jcdb_destroy;
	cde.cdb_func.get = jcdb_get;
	cde.cdb_func.get_counter = jcdb_get_counter;
	cde.cdb_func.set = jcdb_set;
	cde.cdb_func.remove = jcdb_remove;
	cde.cdb_func.add = jcdb_add;
	cde.cdb_func.sub = jcdb_sub;
	cde.cdb_func.raw_query = jcdb_raw;
	sb_current_module = module;   /* the engine's owner, as if its mod_init ran */
	r = register_cachedb(&cde);
	sb_current_module = saved;
	return r;
}

/* Java, from the stand-in's child_init on each worker: opens url on this thread and hands
 * it to the core for the script functions (cachedb_put_connection). 0 or -1. */
SB_JAVA_API int sb_cachedb_java_connect(const char *name, const char *url)
{
	str n, u;
	cachedb_con *con;

	if (name == NULL || url == NULL)
		return -1;
	n.s = (char *)name;
	n.len = strlen(name);
	u.s = (char *)url;
	u.len = strlen(url);
	con = jcdb_init(&u);
	if (con == NULL)
		return -1;
	if (cachedb_put_connection(&n, con) < 0) {
		jcdb_destroy(con);
		return -1;
	}
	return 0;
}

/* Java, from the stand-in's destroy. */
SB_JAVA_API void sb_cachedb_java_end(const char *name)
{
	str n;

	if (name == NULL)
		return;
	n.s = (char *)name;
	n.len = strlen(name);
	cachedb_end_connections(&n);
}

/* ---- the script's cache_* functions (org.sipbridge.cachedb.CacheFunctions) */

enum { SCRIPT_STORE = 1, SCRIPT_FETCH, SCRIPT_REMOVE, SCRIPT_ADD, SCRIPT_SUB, SCRIPT_COUNTER_FETCH,
	SCRIPT_RAW_QUERY };

/* A fetched value that did not fit the caller's buffer, kept for sb_cachedb_script_take. */
static __thread str pending;

/* cache_raw_query's rows as one pkg block (pending's format): int rows, then per row the
 * first entry: int type (0 integer, 1 string), the integer or the length, the bytes. */
static int raw_rows_block(cdb_raw_entry **rows, int n, str *out)
{
	int i, len = 4;
	char *p;

	for (i = 0; i < n; i++)
		len += 8 + (rows[i][0].type == CDB_STR ? rows[i][0].val.s.len : 0);
	out->s = pkg_malloc(len);
	if (out->s == NULL) {
		LM_ERR("no pkg memory for %d raw query rows\n", n);
		return -1;
	}
	out->len = len;
	p = out->s;
	memcpy(p, &n, 4);
	p += 4;
	for (i = 0; i < n; i++) {
		int type = rows[i][0].type == CDB_STR ? 1 : 0;
		int v = type ? rows[i][0].val.s.len : rows[i][0].val.n;
		memcpy(p, &type, 4);
		memcpy(p + 4, &v, 4);
		p += 8;
		if (type) {
			memcpy(p, rows[i][0].val.s.s, v);
			p += v;
		}
	}
	return 0;
}

/* buf: int out at [0, 4), 4 unused bytes, then the engine name, the key and the value (for
 * store). Returns what 1.11's cachedb_* return (> 0 success). For fetch, out = the value's
 * length and the value is written at buf + 8 when it fits cap - 8; else it stays pending
 * (sb_cachedb_script_take). For add/sub/counter_fetch, out = the counter. */
SB_JAVA_API int sb_cachedb_script(int op, char *buf, int cap, int elen, int klen, int vlen, int n,
		int expires)
{
	str engine, key, val = {NULL, 0};
	int r, out = 0;

	if (buf == NULL || elen <= 0 || klen < 0 || 8 + elen + klen + (vlen > 0 ? vlen : 0) > cap)
		return -1;
	if (pending.s) {
		pkg_free(pending.s);
		pending.s = NULL;
	}
	engine.s = buf + 8;
	engine.len = elen;
	key.s = engine.s + elen;
	key.len = klen;
	switch (op) {
	case SCRIPT_STORE:
		val.s = key.s + klen;
		val.len = vlen;
		r = cachedb_store(&engine, &key, &val, expires);
		break;
	case SCRIPT_FETCH:
		r = cachedb_fetch(&engine, &key, &val);
		if (r > 0) {
			out = val.len;
			if (val.len <= cap - 8) {
				if (val.s) {
					memcpy(buf + 8, val.s, val.len);
					pkg_free(val.s);
				}
			} else {
				pending = val;
			}
		}
		break;
	case SCRIPT_REMOVE:
		r = cachedb_remove(&engine, &key);
		break;
	case SCRIPT_ADD:
		r = cachedb_add(&engine, &key, n, expires, &out);
		break;
	case SCRIPT_SUB:
		r = cachedb_sub(&engine, &key, n, expires, &out);
		break;
	case SCRIPT_COUNTER_FETCH:
		r = cachedb_counter_fetch(&engine, &key, &out);
		break;
	case SCRIPT_RAW_QUERY: {
		/* key: the query; n: how many values per row the script takes (its AVPs; 0:
		 * none wanted). out = the rows block's length (raw_rows_block), at buf + 8 when
		 * it fits, else pending as fetch's value */
		cdb_raw_entry **rows = NULL;
		int nrows = 0;

		r = cachedb_raw_query(&engine, &key, n > 0 ? &rows : NULL, n, n > 0 ? &nrows : NULL);
		if (r >= 0 && n > 0) {
			if (raw_rows_block(rows, rows ? nrows : 0, &val) < 0) {
				r = -1;
			} else {
				out = val.len;
				if (val.len <= cap - 8) {
					memcpy(buf + 8, val.s, val.len);
					pkg_free(val.s);
				} else {
					pending = val;
				}
			}
		}
		if (rows)
			free_raw_fetch(rows, n, nrows);
		break;
	}
	default:
		return -1;
	}
	*(int *)buf = out;
	return r;
}

/* The pending fetched value into buf[0, cap): its length, or -1 (none, or too small). */
SB_JAVA_API int sb_cachedb_script_take(char *buf, int cap)
{
	int len = pending.len;

	if (pending.s == NULL || buf == NULL || len > cap)
		return -1;
	memcpy(buf, pending.s, len);
	pkg_free(pending.s);
	pending.s = NULL;
	return len;
}
