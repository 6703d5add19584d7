/* DB API probe: binds a driver with db_bind_mod (db_url parameter), opens a handle per
 * process (child_init) and runs every 1.11 query form, checking that values come back
 * exactly. Expects the table sb_dbtest (created by the test):
 *   id auto-increment primary key, name varchar(64) unique, i int, big bigint,
 *   d double, s varchar(255), t text, dt datetime, b blob, bm int, n int
 * and a version table row ('sb_dbtest', 3).
 *   dbtest_roundtrip()          every query form; 1 when every check passed, -1 otherwise
 *                               (the first failed check is logged)
 *   dbtest_save(user, contact)  insert_update into sb_dbtest (name=user, s=contact)
 *   dbtest_lookup(user, contact) 1 when the row of user has that contact, -1 otherwise
 *   dbtest_ping()               1 when a query on the version table works, -1 on error
 *   dbtest_bench(n)             n times: query one row by a key (2 columns) and free it;
 *                               1 when every query worked (scripts/bench-db.sh times it) */
#include <stdlib.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../db/db.h"

static str db_url = {NULL, 0};
static db_func_t dbf;
static db_con_t *con;

static str t_test = str_init("sb_dbtest");
static str c_id = str_init("id"), c_name = str_init("name"), c_i = str_init("i"),
	c_big = str_init("big"), c_d = str_init("d"), c_s = str_init("s"), c_t = str_init("t"),
	c_dt = str_init("dt"), c_b = str_init("b"), c_bm = str_init("bm"), c_n = str_init("n");

#define BLOB_LEN 5
static const char blob[BLOB_LEN] = {'a', 0, 'b', (char)0xff, 0};
#define TEXT_STR "O'Brien \"quoted\" \xc3\xa9t\xc3\xa9 \\ ;--"
#define TEXT_STRING "a NUL-terminated string"
#define DT 1700000000
#define BIG 9000000000123LL
#define BITS 0x80000001u

#define CHECK(cond, what) \
	do { if (!(cond)) { LM_ERR("check failed: %s (line %d)\n", what, __LINE__); goto fail; } } while (0)

static int mod_init(void)
{
	if (db_url.s == NULL) {
		LM_ERR("db_url not set\n");
		return -1;
	}
	db_url.len = strlen(db_url.s);
	if (db_bind_mod(&db_url, &dbf) < 0) {
		LM_ERR("cannot bind a DB driver for %.*s\n", db_url.len, db_url.s);
		return -1;
	}
	if (!DB_CAPABILITY(dbf, DB_CAP_ALL | DB_CAP_RAW_QUERY | DB_CAP_FETCH)) {
		LM_ERR("the driver lacks capabilities (cap=%x)\n", dbf.cap);
		return -1;
	}
	/* as 1.11 modules do: check the table version on a short-lived handle */
	con = dbf.init(&db_url);
	if (con == NULL)
		return -1;
	if (db_check_table_version(&dbf, con, &t_test, 3) < 0) {
		LM_ERR("version check of sb_dbtest failed\n");
		dbf.close(con);
		con = NULL;
		return -1;
	}
	dbf.close(con);
	con = NULL;
	LM_INFO("bound %.*s (cap=%x)\n", db_url.len, db_url.s, dbf.cap);
	return 0;
}

static int child_init(int rank)
{
	con = dbf.init(&db_url);
	if (con == NULL) {
		LM_ERR("rank %d: cannot open %.*s\n", rank, db_url.len, db_url.s);
		return -1;
	}
	return 0;
}

static void destroy(void)
{
	if (con != NULL)
		dbf.close(con);
	con = NULL;
}

static void set_str(db_val_t *v, const char *s)
{
	memset(v, 0, sizeof(*v));
	VAL_TYPE(v) = DB_STR;
	VAL_STR(v).s = (char *)s;
	VAL_STR(v).len = strlen(s);
}

static void set_int(db_val_t *v, int i)
{
	memset(v, 0, sizeof(*v));
	VAL_TYPE(v) = DB_INT;
	VAL_INT(v) = i;
}

/* rows of sb_dbtest */
static int count_rows(void)
{
	str q = str_init("SELECT count(*) FROM sb_dbtest");
	db_res_t *res = NULL;
	db_val_t *v;
	int n = -1;

	if (dbf.raw_query(con, &q, &res) < 0 || res == NULL)
		return -1;
	if (RES_ROW_N(res) == 1 && RES_COL_N(res) == 1) {
		v = ROW_VALUES(RES_ROWS(res));
		if (VAL_TYPE(v) == DB_INT)
			n = VAL_INT(v);
		else if (VAL_TYPE(v) == DB_BIGINT)
			n = (int)VAL_BIGINT(v);
		else if (VAL_TYPE(v) == DB_STRING)
			n = atoi(VAL_STRING(v));
	}
	dbf.free_result(con, res);
	return n;
}

/* the int column i of the row named name, or -999999 */
static int i_of(const char *name)
{
	db_key_t k[1] = {&c_name}, c[1] = {&c_i};
	db_val_t v[1];
	db_res_t *res = NULL;
	int i = -999999;

	set_str(&v[0], name);
	if (dbf.use_table(con, &t_test) < 0 || dbf.query(con, k, 0, v, c, 1, 1, 0, &res) < 0)
		return i;
	if (RES_ROW_N(res) == 1 && VAL_TYPE(ROW_VALUES(RES_ROWS(res))) == DB_INT)
		i = VAL_INT(ROW_VALUES(RES_ROWS(res)));
	dbf.free_result(con, res);
	return i;
}

static int insert_named(const char *name, int i)
{
	db_key_t k[2] = {&c_name, &c_i};
	db_val_t v[2];

	set_str(&v[0], name);
	set_int(&v[1], i);
	return dbf.insert(con, k, v, 2);
}

static int dbtest_roundtrip(struct sip_msg *msg, char *a, char *b)
{
	db_key_t all[11] = {&c_id, &c_name, &c_i, &c_big, &c_d, &c_s, &c_t, &c_dt, &c_b, &c_bm, &c_n};
	db_key_t k[10], kk[2];
	db_op_t ops[2];
	db_val_t v[10], vv[2];
	db_res_t *res = NULL;
	db_row_t *row;
	db_val_t *r;
	int id1, n, total;

	CHECK(con != NULL, "a handle from child_init");
	CHECK(dbf.use_table(con, &t_test) == 0, "use_table");
	CHECK(dbf.delete(con, 0, 0, 0, 0) == 0, "delete every row");
	CHECK(count_rows() == 0, "empty table after delete");

	/* insert: one value of every type, and a NULL */
	k[0] = &c_name; set_str(&v[0], "alpha");
	k[1] = &c_i; set_int(&v[1], -42);
	k[2] = &c_big; memset(&v[2], 0, sizeof(db_val_t)); VAL_TYPE(&v[2]) = DB_BIGINT; VAL_BIGINT(&v[2]) = BIG;
	k[3] = &c_d; memset(&v[3], 0, sizeof(db_val_t)); VAL_TYPE(&v[3]) = DB_DOUBLE; VAL_DOUBLE(&v[3]) = 3.25;
	k[4] = &c_s; set_str(&v[4], TEXT_STR);
	k[5] = &c_t; memset(&v[5], 0, sizeof(db_val_t)); VAL_TYPE(&v[5]) = DB_STRING; VAL_STRING(&v[5]) = TEXT_STRING;
	k[6] = &c_dt; memset(&v[6], 0, sizeof(db_val_t)); VAL_TYPE(&v[6]) = DB_DATETIME; VAL_TIME(&v[6]) = DT;
	k[7] = &c_b; memset(&v[7], 0, sizeof(db_val_t)); VAL_TYPE(&v[7]) = DB_BLOB;
	VAL_BLOB(&v[7]).s = (char *)blob; VAL_BLOB(&v[7]).len = BLOB_LEN;
	k[8] = &c_bm; memset(&v[8], 0, sizeof(db_val_t)); VAL_TYPE(&v[8]) = DB_BITMAP; VAL_BITMAP(&v[8]) = BITS;
	k[9] = &c_n; set_int(&v[9], 0); VAL_NULL(&v[9]) = 1;
	CHECK(dbf.insert(con, k, v, 10) == 0, "insert of every type");
	id1 = dbf.last_inserted_id(con);
	CHECK(id1 > 0, "last_inserted_id after an insert");
	CHECK(insert_named("beta", 7) == 0, "insert beta");
	CHECK(dbf.last_inserted_id(con) > id1, "last_inserted_id grows");
	CHECK(insert_named("gamma", 100) == 0, "insert gamma");
	CHECK(insert_named("gamma", 1) < 0, "a duplicate unique key fails");

	/* query with a key, explicit columns: every value exactly */
	kk[0] = &c_name; set_str(&vv[0], "alpha");
	CHECK(dbf.query(con, kk, 0, vv, all, 1, 11, 0, &res) == 0 && res, "query alpha");
	CHECK(RES_ROW_N(res) == 1 && RES_COL_N(res) == 11, "one row of 11 columns");
	CHECK(RES_NAMES(res)[2]->len == 1 && RES_NAMES(res)[2]->s[0] == 'i', "column names");
	row = RES_ROWS(res);
	r = ROW_VALUES(row);
	CHECK(ROW_N(row) == 11, "ROW_N");
	CHECK(VAL_TYPE(&r[0]) == DB_INT && VAL_INT(&r[0]) == id1, "id is the last inserted id");
	CHECK(VAL_TYPE(&r[1]) == DB_STRING && strcmp(VAL_STRING(&r[1]), "alpha") == 0, "name");
	CHECK(VAL_TYPE(&r[2]) == DB_INT && !VAL_NULL(&r[2]) && VAL_INT(&r[2]) == -42, "int");
	CHECK(VAL_TYPE(&r[3]) == DB_BIGINT && VAL_BIGINT(&r[3]) == BIG, "bigint");
	CHECK(VAL_TYPE(&r[4]) == DB_DOUBLE && VAL_DOUBLE(&r[4]) == 3.25, "double");
	CHECK(VAL_TYPE(&r[5]) == DB_STRING && strcmp(VAL_STRING(&r[5]), TEXT_STR) == 0, "str (quotes, UTF-8)");
	CHECK(VAL_TYPE(&r[6]) == DB_STRING && strcmp(VAL_STRING(&r[6]), TEXT_STRING) == 0, "string");
	CHECK(VAL_TYPE(&r[7]) == DB_DATETIME && VAL_TIME(&r[7]) == DT, "datetime");
	CHECK(VAL_TYPE(&r[8]) == DB_BLOB && VAL_BLOB(&r[8]).len == BLOB_LEN
			&& memcmp(VAL_BLOB(&r[8]).s, blob, BLOB_LEN) == 0, "blob with NUL and 0xff");
	CHECK(VAL_TYPE(&r[9]) == DB_INT && (unsigned int)VAL_INT(&r[9]) == BITS, "bitmap");
	CHECK(VAL_NULL(&r[10]), "NULL");
	dbf.free_result(con, res);
	res = NULL;

	/* operators and order: i > 0 ordered by i desc */
	kk[0] = &c_i; ops[0] = OP_GT; set_int(&vv[0], 0);
	CHECK(dbf.query(con, kk, ops, vv, &all[1], 1, 1, &c_i, &res) == 0 && res, "query i > 0 order by i");
	CHECK(RES_ROW_N(res) == 2 && RES_COL_N(res) == 1, "two rows with i > 0");
	CHECK(strcmp(VAL_STRING(ROW_VALUES(&RES_ROWS(res)[0])), "beta") == 0
			&& strcmp(VAL_STRING(ROW_VALUES(&RES_ROWS(res)[1])), "gamma") == 0, "ordered by i");
	dbf.free_result(con, res);
	res = NULL;

	/* every column (NULL column list), OR between conditions */
	kk[0] = &c_name; set_str(&vv[0], "alpha");
	kk[1] = &c_name; set_str(&vv[1], "gamma");
	CON_USE_OR_OP(con);
	CHECK(dbf.query(con, kk, 0, vv, 0, 2, 0, 0, &res) == 0 && res, "query with OR");
	CHECK(RES_ROW_N(res) == 2 && RES_COL_N(res) == 11, "two rows, every column");
	dbf.free_result(con, res);
	res = NULL;
	/* the OR flag is for one operation only */
	CHECK(dbf.query(con, kk, 0, vv, 0, 2, 0, 0, &res) == 0 && res && RES_ROW_N(res) == 0,
			"AND again after the OR query");
	dbf.free_result(con, res);
	res = NULL;

	/* update */
	kk[0] = &c_name; set_str(&vv[0], "beta");
	k[0] = &c_i; set_int(&v[0], 8);
	CHECK(dbf.update(con, kk, 0, vv, k, v, 1, 1) == 0, "update");
	CHECK(i_of("beta") == 8, "updated value");
	ops[0] = OP_LT; kk[0] = &c_i; set_int(&vv[0], 0);
	k[0] = &c_big; memset(&v[0], 0, sizeof(db_val_t)); VAL_TYPE(&v[0]) = DB_BIGINT; VAL_NULL(&v[0]) = 1;
	CHECK(dbf.update(con, kk, ops, vv, k, v, 1, 1) == 0, "update with an operator, to NULL");

	/* replace: same unique name, new value, no new row */
	k[0] = &c_name; set_str(&v[0], "beta");
	k[1] = &c_i; set_int(&v[1], 9);
	CHECK(dbf.replace(con, k, v, 2) == 0, "replace");
	CHECK(i_of("beta") == 9 && count_rows() == 3, "replace kept one beta");

	/* insert_update: update on a duplicate key, insert otherwise */
	k[0] = &c_name; set_str(&v[0], "gamma");
	k[1] = &c_i; set_int(&v[1], 101);
	CHECK(dbf.insert_update(con, k, v, 2) == 0, "insert_update of an existing row");
	CHECK(i_of("gamma") == 101 && count_rows() == 3, "insert_update updated gamma");
	set_str(&v[0], "delta");
	set_int(&v[1], 5);
	CHECK(dbf.insert_update(con, k, v, 2) == 0, "insert_update of a new row");
	CHECK(i_of("delta") == 5 && count_rows() == 4, "insert_update inserted delta");

	/* fetch in chunks of 3: 3, 1, 0 rows */
	CHECK(dbf.use_table(con, &t_test) == 0, "use_table");
	CHECK(dbf.query(con, 0, 0, 0, &all[1], 0, 1, &c_name, 0) == 0, "query for fetching");
	res = NULL;
	CHECK(dbf.fetch_result(con, &res, 3) == 0 && res && RES_ROW_N(res) == 3, "first fetch: 3 rows");
	CHECK(strcmp(VAL_STRING(ROW_VALUES(&RES_ROWS(res)[0])), "alpha") == 0, "fetch order");
	total = RES_ROW_N(res);
	CHECK(dbf.fetch_result(con, &res, 3) == 0 && RES_ROW_N(res) == 1, "second fetch: 1 row");
	CHECK(strcmp(VAL_STRING(ROW_VALUES(&RES_ROWS(res)[0])), "gamma") == 0, "last row");
	total += RES_ROW_N(res);
	CHECK(dbf.fetch_result(con, &res, 3) == 0 && RES_ROW_N(res) == 0, "third fetch: none left");
	CHECK(total == 4 && RES_LAST_ROW(res) == 4, "4 rows fetched in all");
	dbf.free_result(con, res);
	res = NULL;

	/* fetch_result after a query that returned its result whole: an empty batch */
	CHECK(dbf.query(con, 0, 0, 0, &all[1], 0, 1, &c_name, &res) == 0 && res && RES_ROW_N(res) == 4,
			"whole query");
	CHECK(dbf.fetch_result(con, &res, 3) == 0 && RES_ROW_N(res) == 0, "fetch after a whole query: none");
	dbf.free_result(con, res);
	res = NULL;

	/* raw query with a result */
	{
		str q = str_init("SELECT name, i FROM sb_dbtest WHERE i >= 100");
		CHECK(dbf.raw_query(con, &q, &res) == 0 && res && RES_ROW_N(res) == 1, "raw query");
		CHECK(VAL_INT(&ROW_VALUES(RES_ROWS(res))[1]) == 101, "raw query value");
		dbf.free_result(con, res);
		res = NULL;
	}

	/* delete with an operator */
	kk[0] = &c_i; ops[0] = OP_GEQ; set_int(&vv[0], 100);
	CHECK(dbf.delete(con, kk, ops, vv, 1) == 0, "delete i >= 100");
	CHECK(count_rows() == 3, "3 rows left");
	n = db_table_version(&dbf, con, &t_test);
	CHECK(n == 3, "db_table_version");
	CHECK(db_check_table_version(&dbf, con, &t_test, 4) < 0, "a wrong version is refused");
	CHECK(dbf.use_table(con, &t_test) == 0 && dbf.delete(con, 0, 0, 0, 0) == 0, "cleanup");
	LM_INFO("every query form passed\n");
	return 1;
fail:
	if (res)
		dbf.free_result(con, res);
	return -1;
}

static int dbtest_save(struct sip_msg *msg, char *user, char *contact)
{
	db_key_t k[2] = {&c_name, &c_s};
	db_val_t v[2];

	set_str(&v[0], user);
	set_str(&v[1], contact);
	if (dbf.use_table(con, &t_test) < 0 || dbf.insert_update(con, k, v, 2) < 0)
		return -1;
	return 1;
}

static int dbtest_lookup(struct sip_msg *msg, char *user, char *contact)
{
	db_key_t k[1] = {&c_name}, c[1] = {&c_s};
	db_val_t v[1];
	db_res_t *res = NULL;
	str got;
	int ret = -1;

	set_str(&v[0], user);
	if (dbf.use_table(con, &t_test) < 0 || dbf.query(con, k, 0, v, c, 1, 1, 0, &res) < 0)
		return -1;
	if (RES_ROW_N(res) == 1) {
		get_str_from_dbval("s", ROW_VALUES(RES_ROWS(res)), 1, 1, got, done);
		if (got.len == (int)strlen(contact) && memcmp(got.s, contact, got.len) == 0)
			ret = 1;
	}
done:
	dbf.free_result(con, res);
	return ret;
}

static int dbtest_ping(struct sip_msg *msg, char *a, char *b)
{
	return db_table_version(&dbf, con, &t_test) == 3 ? 1 : -1;
}

static int dbtest_bench(struct sip_msg *msg, char *count, char *b)
{
	db_key_t k[1] = {&c_name}, c[2] = {&c_i, &c_s};
	db_val_t v[1];
	db_res_t *res;
	int i, n = atoi(count);

	set_str(&v[0], "bench");
	for (i = 0; i < n; i++) {
		res = NULL;
		if (dbf.use_table(con, &t_test) < 0 || dbf.query(con, k, 0, v, c, 1, 2, 0, &res) < 0
				|| res == NULL || RES_ROW_N(res) != 1) {
			LM_ERR("bench query %d failed\n", i);
			if (res)
				dbf.free_result(con, res);
			return -1;
		}
		dbf.free_result(con, res);
	}
	return 1;
}

static cmd_export_t cmds[] = {
	{"dbtest_bench", (cmd_function)dbtest_bench, 1, 0, 0, REQUEST_ROUTE},
	{"dbtest_roundtrip", (cmd_function)dbtest_roundtrip, 0, 0, 0, REQUEST_ROUTE},
	{"dbtest_save", (cmd_function)dbtest_save, 2, 0, 0, REQUEST_ROUTE},
	{"dbtest_lookup", (cmd_function)dbtest_lookup, 2, 0, 0, REQUEST_ROUTE},
	{"dbtest_ping", (cmd_function)dbtest_ping, 0, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"db_url", STR_PARAM, &db_url.s},
	{0, 0, 0}
};

struct module_exports exports = {
	"dbtest", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, params, 0, 0, 0, 0, mod_init, 0, destroy, child_init
};
