/* cachedb API probe: binds an engine with cachedb_bind_mod (cachedb_url parameter), opens
 * a connection per process (child_init) and runs every operation of cachedb_funcs,
 * checking that values come back exactly. Works over any engine (the cachedb_redis
 * stand-in, cachedb_local): success is >= 0, "no such key" is -2, as in 1.11.
 *   cdbtest_roundtrip()      every operation; 1 when every check passed, -1 otherwise
 *                            (the first failed check is logged)
 *   cdbtest_expiry()         a value and a counter stored with a 1 s expiry are gone 2 s
 *                            later; 1 or -1
 *   cdbtest_set(key, value)  set; 1 or -1
 *   cdbtest_get(key, value)  1 when key holds value, -2 when key is missing, -1 otherwise
 *   cdbtest_ping()           set and get back a key; 1 or -1 (the engine is down)
 *   cdbtest_raw(query, want) raw_query (needs CACHEDB_CAP_RAW): 1 when the answer is want:
 *                            "status" (success, no rows), "nil" (-2), "error" (-1), or the
 *                            rows "s:text,i:42,..." (each row's first entry); -1 otherwise */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdio.h>
#include "../../sr_module.h"
#include "../../mem/mem.h"
#include "../../cachedb/cachedb.h"
#include "../../cachedb/cachedb_cap.h"

static char *url_param = NULL;
static str url;
static str prefix = str_init("sb_cdbtest:");
static cachedb_funcs cdbf;
static cachedb_con *con;

#define CHECK(cond, what) \
	do { if (!(cond)) { LM_ERR("check failed: %s (line %d)\n", what, __LINE__); goto fail; } } while (0)

static int mod_init(void)
{
	if (url_param == NULL) {
		LM_ERR("cachedb_url not set\n");
		return -1;
	}
	url.s = url_param;
	url.len = strlen(url_param);
	if (cachedb_bind_mod(&url, &cdbf) < 0) {
		LM_ERR("cannot bind a cachedb engine for %.*s\n", url.len, url.s);
		return -1;
	}
	if (!CACHEDB_CAPABILITY(&cdbf, CACHEDB_CAP_GET | CACHEDB_CAP_SET | CACHEDB_CAP_REMOVE
			| CACHEDB_CAP_ADD | CACHEDB_CAP_SUB)) {
		LM_ERR("the engine lacks operations (capability %x)\n", cdbf.capability);
		return -1;
	}
	LM_INFO("bound %.*s (capability %x)\n", url.len, url.s, cdbf.capability);
	return 0;
}

static int child_init(int rank)
{
	con = cdbf.init(&url);
	if (con == NULL) {
		LM_ERR("rank %d: cannot open %.*s\n", rank, url.len, url.s);
		return -1;
	}
	return 0;
}

static void destroy(void)
{
	if (con) {
		cdbf.destroy(con);
		con = NULL;
	}
}

/* prefix + name into buf (a key of this module's own namespace). */
static str key_of(char *buf, const char *name)
{
	str k;
	int n = strlen(name);
	memcpy(buf, prefix.s, prefix.len);
	memcpy(buf + prefix.len, name, n);
	k.s = buf;
	k.len = prefix.len + n;
	return k;
}

static int same(str *got, const char *want, int len)
{
	return got->s != NULL && got->len == len && memcmp(got->s, want, len) == 0;
}

static int roundtrip(struct sip_msg *msg, char *p1, char *p2)
{
	char kb[128];
	static const char bin[] = {'v', 0, 'a', (char)0xff, '\n', 'l'};
	str k, v, got = {NULL, 0};
	char *big = NULL;
	int r, n, i, big_len = 200 * 1024;

	/* set / get, binary-safe */
	k = key_of(kb, "bin");
	v.s = (char *)bin;
	v.len = sizeof(bin);
	CHECK(cdbf.set(con, &k, &v, 0) >= 0, "set a binary value");
	r = cdbf.get(con, &k, &got);
	CHECK(r >= 0 && same(&got, bin, sizeof(bin)), "get it back byte for byte");
	pkg_free(got.s);
	got.s = NULL;

	/* overwrite */
	v.s = "second";
	v.len = 6;
	CHECK(cdbf.set(con, &k, &v, 0) >= 0, "overwrite");
	CHECK(cdbf.get(con, &k, &got) >= 0 && same(&got, "second", 6), "the new value");
	pkg_free(got.s);
	got.s = NULL;

	/* a value larger than any first buffer */
	big = pkg_malloc(big_len);
	CHECK(big != NULL, "pkg for a large value");
	for (i = 0; i < big_len; i++)
		big[i] = (char)('a' + i % 26);
	k = key_of(kb, "big");
	v.s = big;
	v.len = big_len;
	CHECK(cdbf.set(con, &k, &v, 0) >= 0, "set 200 KB");
	CHECK(cdbf.get(con, &k, &got) >= 0 && same(&got, big, big_len), "get 200 KB back");
	pkg_free(got.s);
	got.s = NULL;
	CHECK(cdbf.remove(con, &k) >= 0, "remove the large value");

	/* remove, then the key is gone */
	k = key_of(kb, "bin");
	CHECK(cdbf.remove(con, &k) >= 0, "remove");
	r = cdbf.get(con, &k, &got);
	CHECK(r == -2 && got.s == NULL, "get of a removed key: -2");
	k = key_of(kb, "never-set");
	CHECK(cdbf.get(con, &k, &got) == -2, "get of a missing key: -2");
	CHECK(cdbf.remove(con, &k) >= 0, "remove of a missing key is not an error");

	/* counters */
	k = key_of(kb, "cnt");
	cdbf.remove(con, &k);
	n = 0;
	CHECK(cdbf.add(con, &k, 5, 0, &n) >= 0 && n == 5, "add 5 to a new counter: 5");
	CHECK(cdbf.add(con, &k, 10, 0, &n) >= 0 && n == 15, "add 10: 15");
	CHECK(cdbf.sub(con, &k, 20, 0, &n) >= 0 && n == -5, "sub 20: -5");
	CHECK(cdbf.add(con, &k, 7, 0, NULL) >= 0, "add without asking the new value");
	if (cdbf.get_counter) {
		n = 0;
		CHECK(cdbf.get_counter(con, &k, &n) >= 0 && n == 2, "get_counter: 2");
	}
	CHECK(cdbf.remove(con, &k) >= 0, "remove the counter");
	if (cdbf.get_counter)
		CHECK(cdbf.get_counter(con, &k, &n) == -2, "get_counter of a missing key: -2");

	pkg_free(big);
	LM_INFO("cdbtest_roundtrip: every operation passed\n");
	return 1;
fail:
	if (got.s)
		pkg_free(got.s);
	if (big)
		pkg_free(big);
	return -1;
}

static int expiry(struct sip_msg *msg, char *p1, char *p2)
{
	char kb[128], cb[128];
	str k = key_of(kb, "short"), c = key_of(cb, "short-cnt"), v = str_init("soon gone"), got = {NULL, 0};
	int n;

	CHECK(cdbf.set(con, &k, &v, 1) >= 0, "set with a 1 s expiry");
	CHECK(cdbf.add(con, &c, 3, 1, &n) >= 0 && n == 3, "add with a 1 s expiry");
	CHECK(cdbf.get(con, &k, &got) >= 0 && same(&got, "soon gone", 9), "there before it expires");
	pkg_free(got.s);
	got.s = NULL;
	sleep(2);
	CHECK(cdbf.get(con, &k, &got) == -2, "gone after the expiry");
	if (cdbf.get_counter)
		CHECK(cdbf.get_counter(con, &c, &n) == -2, "the counter is gone too");
	LM_INFO("cdbtest_expiry: values and counters expire\n");
	return 1;
fail:
	if (got.s)
		pkg_free(got.s);
	return -1;
}

static int do_set(struct sip_msg *msg, char *key, char *val)
{
	str k = {key, strlen(key)}, v = {val, strlen(val)};
	return cdbf.set(con, &k, &v, 0) >= 0 ? 1 : -1;
}

static int do_get(struct sip_msg *msg, char *key, char *val)
{
	str k = {key, strlen(key)}, got = {NULL, 0};
	int r = cdbf.get(con, &k, &got);

	if (r == -2)
		return -2;
	if (r < 0)
		return -1;
	r = same(&got, val, strlen(val)) ? 1 : -1;
	pkg_free(got.s);
	return r;
}

static int ping(struct sip_msg *msg, char *p1, char *p2)
{
	char kb[128];
	str k = key_of(kb, "ping"), v = str_init("pong"), got = {NULL, 0};
	int r;

	if (cdbf.set(con, &k, &v, 60) < 0)
		return -1;
	r = cdbf.get(con, &k, &got);
	if (r < 0)
		return -1;
	r = same(&got, "pong", 4) ? 1 : -1;
	pkg_free(got.s);
	return r;
}

/* The rows as "s:text,i:42" (the first entry of each). */
static int print_rows(cdb_raw_entry **rows, int n, char *out, int cap)
{
	int i, len = 0, w;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (rows[i][0].type == CDB_INT)
			w = snprintf(out + len, cap - len, "%si:%d", i ? "," : "", rows[i][0].val.n);
		else
			w = snprintf(out + len, cap - len, "%ss:%.*s", i ? "," : "", rows[i][0].val.s.len,
					rows[i][0].val.s.s);
		if (w < 0 || w >= cap - len)
			return -1;
		len += w;
	}
	return len;
}

static int do_raw(struct sip_msg *msg, char *query, char *want)
{
	str q = {query, (int)strlen(query)};
	cdb_raw_entry **rows = (cdb_raw_entry **)1;   /* must be set by the engine */
	int n = -1, r, ok;
	char got[1024];

	if (!CACHEDB_CAPABILITY(&cdbf, CACHEDB_CAP_RAW)) {
		LM_ERR("the engine has no raw_query (capability %x)\n", cdbf.capability);
		return -1;
	}
	/* three values per row asked for: the engine fills the first, zeroes the others */
	r = cdbf.raw_query(con, &q, &rows, 3, &n);
	if (strcmp(want, "nil") == 0)
		return r == -2 ? 1 : -1;
	if (strcmp(want, "error") == 0)
		return r == -1 ? 1 : -1;
	if (r != 1) {
		LM_ERR("raw '%s': returned %d\n", query, r);
		return -1;
	}
	if (strcmp(want, "status") == 0)
		return n == 0 && rows == NULL ? 1 : -1;
	if (n <= 0 || rows == NULL || rows == (cdb_raw_entry **)1) {
		LM_ERR("raw '%s': %d rows\n", query, n);
		return -1;
	}
	ok = print_rows(rows, n, got, sizeof(got)) >= 0 && strcmp(got, want) == 0 &&
		rows[0][1].type == CDB_INT && rows[0][2].type == CDB_INT;
	if (!ok)
		LM_ERR("raw '%s': got '%s', wanted '%s'\n", query, got, want);
	free_raw_fetch(rows, 3, n);
	return ok ? 1 : -1;
}

static cmd_export_t cmds[] = {
	{"cdbtest_roundtrip", (cmd_function)roundtrip, 0, 0, 0, REQUEST_ROUTE},
	{"cdbtest_expiry", (cmd_function)expiry, 0, 0, 0, REQUEST_ROUTE},
	{"cdbtest_set", (cmd_function)do_set, 2, 0, 0, REQUEST_ROUTE},
	{"cdbtest_get", (cmd_function)do_get, 2, 0, 0, REQUEST_ROUTE},
	{"cdbtest_ping", (cmd_function)ping, 0, 0, 0, REQUEST_ROUTE},
	{"cdbtest_raw", (cmd_function)do_raw, 2, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"cachedb_url", STR_PARAM, &url_param},
	{0, 0, 0}
};

struct module_exports exports = {
	"cdbtest",
	MODULE_VERSION,
	DEFAULT_DLFLAGS,
	cmds,
	params,
	0,
	0,
	0,
	0,
	mod_init,
	0,
	destroy,
	child_init
};
