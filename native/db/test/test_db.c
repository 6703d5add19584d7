/* Unit tests of the core's DB API (native/db) against the real core library, built the way
 * a module is (module-facing headers only). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../../include/sr_module.h"
#include "../../../include/db/db.h"
#include "../../../include/db/db_ut.h"
#include "../../../include/db/db_query.h"
#include "../../../include/db/db_id.h"
#include "../../../include/db/db_pool.h"
#include "../../../include/db/db_insertq.h"

static int passed, failed;

#define CHECK(cond) do { \
	if (cond) passed++; \
	else { failed++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

static int same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static struct db_id *id_of(const char *url)
{
	str s;
	s.s = (char *)url;
	s.len = strlen(url);
	return new_db_id(&s);
}

static void test_db_id(void)
{
	struct db_id *a = id_of("postgres://user:se/cr@t@Host.example:5433/opensips");
	struct db_id *b = id_of("postgres://user:se/cr@t@host.EXAMPLE:5433/opensips");
	struct db_id *c = id_of("mysql://db.example/sip");

	CHECK(a != NULL && same(a->scheme, "postgres") && same(a->username, "user")
			&& same(a->password, "se/cr@t") && same(a->host, "Host.example") && a->port == 5433
			&& same(a->database, "opensips"));
	CHECK(cmp_db_id(a, b) == 1);   /* the host compares case-insensitively */
	CHECK(c != NULL && c->username == NULL && c->password == NULL && c->port == 0
			&& same(c->host, "db.example") && same(c->database, "sip"));
	CHECK(cmp_db_id(a, c) == 0);
	CHECK(id_of("nocolon") == NULL);
	CHECK(id_of("mysql:/h/db") == NULL);
	CHECK(id_of("mysql://host-without-db") == NULL);
	CHECK(id_of("mysql://h:99999/db") == NULL);
	CHECK(id_of("mysql://h:/db") == NULL);
	free_db_id(a);
	free_db_id(b);
	free_db_id(c);
}

static void test_conversions(void)
{
	int i, l;
	long long ll;
	double d;
	time_t t;
	char buf[64];

	CHECK(db_str2int("-42", &i) == 0 && i == -42);
	CHECK(db_str2int("42x", &i) == -2);
	CHECK(db_str2int("4294967296", &i) == -1);
	CHECK(db_str2bigint("9000000000123", &ll) == 0 && ll == 9000000000123LL);
	CHECK(db_str2double("3.25", &d) == 0 && d == 3.25);
	l = sizeof(buf);
	CHECK(db_int2str(-7, buf, &l) == 0 && l == 2 && memcmp(buf, "-7", 2) == 0);
	l = 2;
	CHECK(db_int2str(123, buf, &l) == -1);   /* no room */
	l = sizeof(buf);
	CHECK(db_time2str(1700000000, buf, &l) == 0 && l == 21 && buf[0] == '\'' && buf[20] == '\'');
	buf[l - 1] = '\0';
	CHECK(db_str2time(buf + 1, &t) == 0 && t == 1700000000);
	CHECK(db_str2time("not a date", &t) == -1);
}

static int val2str(const db_con_t *c, const db_val_t *v, char *s, int *len)
{
	if (VAL_TYPE(v) == DB_INT)
		return db_int2str(VAL_INT(v), s, len);
	if (VAL_TYPE(v) == DB_STR && *len > VAL_STR(v).len + 2) {
		s[0] = '\'';
		memcpy(s + 1, VAL_STR(v).s, VAL_STR(v).len);
		s[VAL_STR(v).len + 1] = '\'';
		*len = VAL_STR(v).len + 2;
		return 0;
	}
	return -1;
}

static char last_sql[1024];
static int submitted;

static int submit(const db_con_t *h, const str *q)
{
	snprintf(last_sql, sizeof(last_sql), "%.*s", q->len, q->s);
	submitted++;
	return 0;
}

static void test_builders(void)
{
	str table = str_init("location"), cu = str_init("username"), cc = str_init("contact"),
		cx = str_init("expires");
	db_key_t k[2] = {&cu, &cx}, c[2] = {&cu, &cc};
	db_op_t ops[2] = {OP_EQ, OP_GT};
	db_val_t v[2];
	db_con_t con;

	memset(&con, 0, sizeof(con));
	memset(v, 0, sizeof(v));
	VAL_TYPE(&v[0]) = DB_STR;
	VAL_STR(&v[0]).s = "alice";
	VAL_STR(&v[0]).len = 5;
	VAL_TYPE(&v[1]) = DB_INT;
	VAL_INT(&v[1]) = 10;
	CHECK(db_use_table(&con, &table) == 0 && CON_TABLE(&con) == &table);
	CHECK(db_do_query(&con, k, ops, v, c, 2, 2, &cx, 0, val2str, submit, 0) == 0);
	CHECK(strcmp(last_sql, "select username,contact from location where username='alice' AND expires>10 order by expires") == 0);
	CON_USE_OR_OP(&con);
	CHECK(db_do_delete(&con, k, 0, v, 2, val2str, submit) == 0);
	CHECK(strcmp(last_sql, "delete from location where username='alice' OR expires=10") == 0);
	CHECK((con.flags & CON_OR_OPERATOR) == 0);   /* one operation only */
	CHECK(db_do_update(&con, k, 0, v, &c[1], v, 1, 1, val2str, submit) == 0);
	CHECK(strcmp(last_sql, "update location set contact='alice' where username='alice'") == 0);
	CHECK(db_do_insert(&con, k, v, 2, val2str, submit) == 0);
	CHECK(strcmp(last_sql, "insert into location (username,expires ) values ('alice',10)") == 0);
	CHECK(db_do_replace(&con, k, v, 2, val2str, submit) == 0);
	CHECK(strcmp(last_sql, "replace location (username,expires ) values ('alice',10)") == 0);
	CHECK(db_do_query(&con, 0, 0, 0, 0, 0, 0, 0, 0, val2str, submit, 0) == 0);
	CHECK(strcmp(last_sql, "select * from location ") == 0);
}

static void test_results(void)
{
	db_res_t *r = db_new_result();
	char *owned = pkg_malloc(6);

	CHECK(r != NULL);
	RES_COL_N(r) = 2;
	CHECK(db_allocate_columns(r, 2) == 0 && RES_NAMES(r)[1] == RES_NAMES(r)[0] + 1);
	CHECK(db_allocate_rows(r, 3) == 0);
	RES_ROW_N(r) = 3;
	CHECK(ROW_VALUES(&RES_ROWS(r)[2]) == ROW_VALUES(&RES_ROWS(r)[0]) + 4);
	strcpy(owned, "hello");
	ROW_N(&RES_ROWS(r)[0]) = 2;
	VAL_TYPE(&ROW_VALUES(&RES_ROWS(r)[0])[1]) = DB_STRING;
	VAL_STRING(&ROW_VALUES(&RES_ROWS(r)[0])[1]) = owned;
	VAL_FREE(&ROW_VALUES(&RES_ROWS(r)[0])[1]) = 1;   /* db_free_row frees it */
	CHECK(db_free_result(r) == 0);
	CHECK(estimate_available_rows(300, 8) > 0);
}

struct fake_con {
	struct db_id *id;
	unsigned int ref;
	struct pool_con *next;
};

static struct db_id *shared_id;
static struct pool_con *other_thread_found;

static void *other_thread(void *arg)
{
	other_thread_found = pool_get(shared_id);
	return NULL;
}

static void test_pool(void)
{
	struct fake_con *fc = calloc(1, sizeof(*fc));
	pthread_t t;

	shared_id = id_of("postgres://h/db");
	fc->id = shared_id;
	fc->ref = 1;
	CHECK(pool_get(shared_id) == NULL);
	pool_insert((struct pool_con *)fc);
	CHECK(pool_get(shared_id) == (struct pool_con *)fc && fc->ref == 2);
	pthread_create(&t, NULL, other_thread, NULL);
	pthread_join(t, NULL);
	CHECK(other_thread_found == NULL);   /* another worker gets a connection of its own */
	CHECK(pool_remove((struct pool_con *)fc) == 0 && fc->ref == 1);
	CHECK(pool_remove((struct pool_con *)fc) == 1);
	free_db_id(shared_id);
	free(fc);
}

static int inserts_seen;

static int queued_insert(const db_con_t *h, const db_key_t *k, const db_val_t *v, const int n)
{
	inserts_seen++;
	return db_do_insert(h, k, v, n, val2str, submit);
}

static void test_insert_queue(void)
{
	str table = str_init("acc"), cm = str_init("method");
	db_key_t k[1] = {&cm};
	db_val_t v[1];
	db_con_t con;
	db_func_t f;
	query_list_t *list = NULL;
	int i;

	memset(&con, 0, sizeof(con));
	memset(&f, 0, sizeof(f));
	memset(v, 0, sizeof(v));
	f.cap = DB_CAP_MULTIPLE_INSERT;
	f.insert = queued_insert;
	con.table = &table;
	con.url.s = "postgres://h/db";
	con.url.len = strlen(con.url.s);
	CHECK(con_set_inslist(&f, &con, &list, k, 1) == 0 && list == NULL);   /* queues off */
	query_buffer_size = 3;
	CHECK(init_ql_support() == 0);
	CHECK(con_set_inslist(&f, &con, &list, k, 1) == 0 && list != NULL && con.ins_list == list);
	VAL_TYPE(&v[0]) = DB_STR;
	submitted = 0;
	for (i = 0; i < 2; i++) {
		VAL_STR(&v[0]).s = i ? "BYE" : "INVITE";
		VAL_STR(&v[0]).len = strlen(VAL_STR(&v[0]).s);
		CHECK(f.insert(&con, k, v, 1) == 0);
	}
	CHECK(submitted == 0 && list->no_rows == 2);   /* queued */
	VAL_STR(&v[0]).s = "ACK";
	VAL_STR(&v[0]).len = 3;
	CHECK(f.insert(&con, k, v, 1) == 0);
	CHECK(submitted == 1 && strcmp(last_sql, "insert into acc (method ) values ('INVITE'),('BYE'),('ACK')") == 0);
	CHECK(f.insert(&con, k, v, 1) == 0 && list->no_rows == 1);
	CHECK(ql_flush_rows(&f, &con, list) == 0 && list->no_rows == 0 && submitted == 2);
	CHECK(strcmp(last_sql, "insert into acc (method ) values ('ACK')") == 0);
	query_buffer_size = 0;
}

static void test_bind_without_driver(void)
{
	str url = str_init("nosuch://h/db");
	db_func_t f;

	memset(&f, 0xff, sizeof(f));
	CHECK(db_bind_mod(&url, &f) < 0);
	CHECK(f.init == NULL && f.cap == 0);   /* zeroed on failure */
}

int main(void)
{
	test_db_id();
	test_conversions();
	test_builders();
	test_results();
	test_pool();
	test_insert_queue();
	test_bind_without_driver();
	printf("sb_db_test: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
