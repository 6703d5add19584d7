/* Unit test of the core's cachedb API (native/cachedb) with an engine of its own (a small
 * table in memory, one per connection), the way cachedb_local registers itself: URLs,
 * register/bind, per-thread connections, the by-name functions and their return values. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../../include/sr_module.h"
#include "../../../include/cachedb/cachedb.h"
#include "../../../include/cachedb/cachedb_cap.h"

static int passed, failed;

#define CHECK(cond) do { \
	if (cond) passed++; \
	else { failed++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define SLOTS 8
struct mem_con {   /* starts with cachedb_pool_con's fields */
	struct cachedb_id *id;
	unsigned int ref;
	struct cachedb_pool_con_t *next;
	char keys[SLOTS][32];
	char vals[SLOTS][32];
	int used[SLOTS];
};

static int connections_made, connections_freed;

static void *new_mem(struct cachedb_id *id)
{
	struct mem_con *c = calloc(1, sizeof(*c));
	c->id = id;
	c->ref = 1;
	connections_made++;
	return c;
}

static void free_mem(cachedb_pool_con *c)
{
	free_cachedb_id(c->id);
	free(c);
	connections_freed++;
}

static cachedb_con *mem_init(str *url) { return cachedb_do_init(url, new_mem); }
static void mem_destroy(cachedb_con *con) { cachedb_do_close(con, free_mem); }

static int slot(struct mem_con *c, str *k, int make)
{
	int i, free_slot = -1;

	for (i = 0; i < SLOTS; i++) {
		if (c->used[i] && (int)strlen(c->keys[i]) == k->len && memcmp(c->keys[i], k->s, k->len) == 0)
			return i;
		if (!c->used[i] && free_slot < 0)
			free_slot = i;
	}
	if (!make || free_slot < 0)
		return -1;
	snprintf(c->keys[free_slot], 32, "%.*s", k->len, k->s);
	c->used[free_slot] = 1;
	c->vals[free_slot][0] = '\0';
	return free_slot;
}

static int mem_set(cachedb_con *con, str *k, str *v, int expires)
{
	struct mem_con *c = con->data;
	int i = slot(c, k, 1);
	if (i < 0)
		return -1;
	snprintf(c->vals[i], 32, "%.*s", v->len, v->s);
	return 0;
}

static int mem_get(cachedb_con *con, str *k, str *v)
{
	struct mem_con *c = con->data;
	int i = slot(c, k, 0);
	if (i < 0)
		return -2;   /* as 1.11 engines: -2 = not found */
	v->len = strlen(c->vals[i]);
	v->s = pkg_malloc(v->len + 1);
	memcpy(v->s, c->vals[i], v->len + 1);
	return 0;
}

static int mem_remove(cachedb_con *con, str *k)
{
	struct mem_con *c = con->data;
	int i = slot(c, k, 0);
	if (i >= 0)
		c->used[i] = 0;
	return 0;
}

static int mem_add(cachedb_con *con, str *k, int val, int expires, int *new_val)
{
	struct mem_con *c = con->data;
	int i = slot(c, k, 1), n;
	if (i < 0)
		return -1;
	n = atoi(c->vals[i]) + val;
	snprintf(c->vals[i], 32, "%d", n);
	if (new_val)
		*new_val = n;
	return 0;
}

static int mem_sub(cachedb_con *con, str *k, int val, int expires, int *new_val)
{
	return mem_add(con, k, -val, expires, new_val);
}

static str engine_name = str_init("mem");
static cachedb_con *thread_con;

static void *worker(void *arg)
{
	str url = str_init("mem://");
	str key = str_init("k");
	str v;

	thread_con = mem_init(&url);
	cachedb_put_connection(&engine_name, thread_con);
	/* this thread's own connection: it does not see the main thread's value */
	*(int *)arg = cachedb_fetch(&engine_name, &key, &v);
	return NULL;
}

int main(void)
{
	cachedb_engine e;
	cachedb_funcs f;
	str url = str_init("mem://"), rurl = str_init("mem:grp1://u:p@h1:6379/3");
	str k = str_init("k"), cnt = str_init("calls"), val = str_init("v1"), got;
	str grp_name = str_init("mem:grp1");
	struct cachedb_id *id;
	cachedb_con *con, *con2, *gcon;
	pthread_t t;
	int n = 0, in_thread = 0;

	id = new_cachedb_id(&rurl);
	CHECK(id && strcmp(id->scheme, "mem") == 0 && strcmp(id->group_name, "grp1") == 0
			&& strcmp(id->username, "u") == 0 && strcmp(id->password, "p") == 0
			&& strcmp(id->host, "h1") == 0 && id->port == 6379 && strcmp(id->database, "3") == 0);
	free_cachedb_id(id);
	{
		str multi = str_init("redis://h1:1,h2:2/"), bad = str_init("redis://nohostend");
		id = new_cachedb_id(&multi);
		CHECK(id && (id->flags & CACHEDB_ID_MULTIPLE_HOSTS) && strcmp(id->host, "h1:1,h2:2") == 0
				&& id->database == NULL);
		free_cachedb_id(id);
		CHECK(new_cachedb_id(&bad) == NULL);
		id = new_cachedb_id(&url);
		CHECK(id && (id->flags & CACHEDB_ID_NO_URL));
		free_cachedb_id(id);
	}

	memset(&e, 0, sizeof(e));
	e.name = engine_name;
	e.cdb_func.init = mem_init;
	e.cdb_func.destroy = mem_destroy;
	e.cdb_func.get = mem_get;
	e.cdb_func.set = mem_set;
	e.cdb_func.remove = mem_remove;
	e.cdb_func.add = mem_add;
	e.cdb_func.sub = mem_sub;
	CHECK(register_cachedb(&e) == 0);
	CHECK(register_cachedb(&e) < 0);   /* once per name */
	CHECK(cachedb_bind_mod(&url, &f) == 0 && f.get == mem_get
			&& CACHEDB_CAPABILITY(&f, CACHEDB_CAP_GET | CACHEDB_CAP_SET | CACHEDB_CAP_ADD)
			&& !CACHEDB_CAPABILITY(&f, CACHEDB_CAP_RAW));
	{
		str none = str_init("nosuch://h/");
		cachedb_funcs g;
		CHECK(cachedb_bind_mod(&none, &g) < 0 && g.init == NULL);   /* zeroed */
	}
	CHECK(cachedb_store(&engine_name, &k, &val, 0) < 0);   /* no connection yet */

	con = f.init(&url);   /* as an engine's child_init does */
	CHECK(con != NULL && cachedb_put_connection(&engine_name, con) == 0);
	con2 = f.init(&url);
	CHECK(con2 != NULL && con2 != con && con2->data == con->data && connections_made == 1);   /* the thread's pooled connection, reused */
	CHECK(cachedb_store(&engine_name, &k, &val, 0) == 1);   /* engine 0 -> 1 */
	CHECK(cachedb_fetch(&engine_name, &k, &got) == 1 && got.len == 2 && memcmp(got.s, "v1", 2) == 0);
	pkg_free(got.s);
	CHECK(cachedb_add(&engine_name, &cnt, 5, 0, &n) == 1 && n == 5);
	CHECK(cachedb_sub(&engine_name, &cnt, 2, 0, &n) == 1 && n == 3);
	CHECK(cachedb_counter_fetch(&engine_name, &cnt, &n) < 0);   /* the engine has no counters */
	CHECK(cachedb_remove(&engine_name, &k) == 1);
	CHECK(cachedb_fetch(&engine_name, &k, &got) == -2);   /* not found: the engine's -2 */
	CHECK(cachedb_raw_query(&engine_name, &k, NULL, 0, NULL) < 0);   /* no raw queries */
	CHECK(cachedb_store(&grp_name, &k, &val, 0) < 0);   /* no connection for that group */
	gcon = f.init(&rurl);
	CHECK(gcon != NULL && cachedb_put_connection(&engine_name, gcon) == 0);
	CHECK(cachedb_store(&grp_name, &k, &val, 0) == 1);
	CHECK(cachedb_fetch(&engine_name, &k, &got) == -2);   /* the default group did not get it */

	CHECK(cachedb_store(&engine_name, &k, &val, 0) == 1);
	pthread_create(&t, NULL, worker, &in_thread);
	pthread_join(t, NULL);
	CHECK(in_thread == -2);   /* the worker's own connection (the engine keeps data per connection) */
	CHECK(connections_made == 3);
	cachedb_end_connections(&engine_name);
	mem_destroy(con2);   /* the second reference to the main thread's connection */
	CHECK(connections_freed == 3);
	printf("sb_cachedb_test: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
