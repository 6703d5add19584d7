/* The cachedb core: the engines registered by modules, the connections they hand over
 * (kept per thread: each worker's child_init puts its own), and the functions the script's
 * cache_* functions and modules call by engine name ("redis" or "redis:group").
 * A thread that put no connection for a group (e.g. the timer thread) borrows another
 * thread's, serialised by the engine's lock, since engines' connections (hiredis...) are
 * not thread-safe. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "cachedb_sdk.h"

/* module.c: a module that binds another's functions shares its lock from then on. */
void sb_module_join(int a, int b);

struct cdb_conn {
	int thread;
	str grp;   /* points into the connection's id (lives as long as the connection) */
	cachedb_con *con;
	struct cdb_conn *next;
};

struct cdb_engine {
	cachedb_engine cde;
	int owner;                  /* the module that registered it (its code runs under that module's lock) */
	pthread_mutex_t borrow;     /* held around calls on another thread's connection */
	struct cdb_conn *conns;
	struct cdb_engine *next;
};

static pthread_mutex_t registry = PTHREAD_MUTEX_INITIALIZER;
static struct cdb_engine *engines;

int cachedb_store_url(struct cachedb_url **list, char *val)
{
	struct cachedb_url *n, *it;
	int len;

	if (list == NULL || val == NULL)
		return -1;
	len = strlen(val);
	n = pkg_malloc(sizeof(*n) + len);
	if (n == NULL) {
		LM_ERR("no pkg memory for a cachedb URL\n");
		return -1;
	}
	memset(n, 0, sizeof(*n));
	n->url.s = (char *)(n + 1);
	n->url.len = len;
	memcpy(n->url.s, val, len);
	if (*list == NULL) {
		*list = n;
	} else {
		for (it = *list; it->next; it = it->next)
			;
		it->next = n;
	}
	return 0;
}

void cachedb_free_url(struct cachedb_url *list)
{
	struct cachedb_url *next;

	for (; list != NULL; list = next) {
		next = list->next;
		pkg_free(list);
	}
}

static struct cdb_engine *lookup(const str *name)
{
	struct cdb_engine *e;

	pthread_mutex_lock(&registry);
	for (e = engines; e != NULL; e = e->next)
		if (e->cde.name.len == name->len && memcmp(e->cde.name.s, name->s, name->len) == 0)
			break;
	pthread_mutex_unlock(&registry);
	return e;
}

int register_cachedb(cachedb_engine *cde_entry)
{
	struct cdb_engine *e;

	if (cde_entry == NULL || cde_entry->name.s == NULL || cde_entry->name.len <= 0) {
		LM_ERR("register_cachedb: no engine or no name\n");
		return -1;
	}
	if (lookup(&cde_entry->name) != NULL) {
		LM_ERR("cachedb engine %.*s is already registered\n", cde_entry->name.len,
				cde_entry->name.s);
		return -1;
	}
	/* core memory: engines live as long as the process (modules register them once) */
	e = calloc(1, sizeof(*e) + cde_entry->name.len);
	if (e == NULL)
		return -1;
	e->cde.name.s = (char *)(e + 1);
	e->cde.name.len = cde_entry->name.len;
	memcpy(e->cde.name.s, cde_entry->name.s, cde_entry->name.len);
	e->cde.cdb_func = cde_entry->cdb_func;
	if (check_cachedb_api(&e->cde) < 0) {
		free(e);
		return -1;
	}
	e->owner = sb_current_module;
	pthread_mutex_init(&e->borrow, NULL);
	pthread_mutex_lock(&registry);
	e->next = engines;
	engines = e;
	pthread_mutex_unlock(&registry);
	return 0;
}

void sb_cachedb_forget(int module)
{
	struct cdb_engine **pp, *e;
	struct cdb_conn *c, *next;

	if (module <= 0)
		return;
	pthread_mutex_lock(&registry);
	for (pp = &engines; (e = *pp) != NULL;) {
		if (e->owner != module) {
			pp = &e->next;
			continue;
		}
		*pp = e->next;
		if (e->conns)
			LM_WARN("cachedb engine %.*s unloaded with connections still open (its destroy did not"
					" call cachedb_end_connections)\n", e->cde.name.len, e->cde.name.s);
		for (c = e->conns; c != NULL; c = next) {
			next = c->next;
			free(c);
		}
		pthread_mutex_destroy(&e->borrow);
		free(e);
	}
	pthread_mutex_unlock(&registry);
}

int cachedb_bind_mod(str *url, cachedb_funcs *funcs)
{
	str name;
	char *colon;
	struct cdb_engine *e;

	if (url == NULL || url->s == NULL || funcs == NULL) {
		LM_ERR("cachedb_bind_mod: no URL or no funcs\n");
		return -1;
	}
	memset(funcs, 0, sizeof(*funcs));
	colon = memchr(url->s, ':', url->len);
	if (colon == NULL) {
		LM_ERR("cachedb URL without a scheme: '%.*s'\n", url->len, url->s);
		return -1;
	}
	name.s = url->s;
	name.len = colon - url->s;
	e = lookup(&name);
	if (e == NULL) {
		LM_ERR("no cachedb engine %.*s: is its module (cachedb_%.*s) loaded?\n",
				name.len, name.s, name.len, name.s);
		return -1;
	}
	*funcs = e->cde.cdb_func;
	/* the caller's code will call the engine's directly: one lock for both, as find_export does */
	if (sb_current_module > 0 && e->owner > 0 && e->owner != sb_current_module)
		sb_module_join(sb_current_module, e->owner);
	return 0;
}

cachedb_con *cachedb_do_init(str *url, void *(*new_connection)(struct cachedb_id *))
{
	cachedb_con *res;
	struct cachedb_id *id;
	void *con;

	if (url == NULL || url->s == NULL || new_connection == NULL) {
		LM_ERR("cachedb_do_init: bad arguments\n");
		return NULL;
	}
	res = pkg_malloc(sizeof(*res) + url->len);
	if (res == NULL)
		return NULL;
	memset(res, 0, sizeof(*res));
	res->url.s = (char *)(res + 1);
	res->url.len = url->len;
	memcpy(res->url.s, url->s, url->len);
	id = new_cachedb_id(url);
	if (id == NULL) {
		pkg_free(res);
		return NULL;
	}
	con = cachedb_pool_get(id);
	if (con != NULL) {
		free_cachedb_id(id);
	} else {
		con = new_connection(id);
		if (con == NULL) {
			LM_ERR("cannot connect to '%.*s'\n", url->len, url->s);
			free_cachedb_id(id);
			pkg_free(res);
			return NULL;
		}
		cachedb_pool_insert(con);
	}
	res->data = con;
	return res;
}

void cachedb_do_close(cachedb_con *con, void (*free_connection)(cachedb_pool_con *))
{
	if (con == NULL) {
		LM_ERR("cachedb_do_close: NULL connection\n");
		return;
	}
	if (cachedb_pool_remove((cachedb_pool_con *)con->data) == 1 && free_connection)
		free_connection((cachedb_pool_con *)con->data);
	pkg_free(con);
}

static str group_of(cachedb_con *con)
{
	str g = {NULL, 0};
	cachedb_pool_con *pc = con ? (cachedb_pool_con *)con->data : NULL;

	if (pc && pc->id && pc->id->group_name) {
		g.s = pc->id->group_name;
		g.len = strlen(g.s);
	}
	return g;
}

int cachedb_put_connection(str *cachedb_name, cachedb_con *con)
{
	struct cdb_engine *e = cachedb_name ? lookup(cachedb_name) : NULL;
	struct cdb_conn *c;

	if (e == NULL || con == NULL) {
		LM_ERR("cachedb_put_connection: no engine %.*s or no connection\n",
				cachedb_name ? cachedb_name->len : 0, cachedb_name ? cachedb_name->s : "");
		return -1;
	}
	c = malloc(sizeof(*c));
	if (c == NULL)
		return -1;
	c->thread = sb_thread_id();
	c->grp = group_of(con);
	c->con = con;
	pthread_mutex_lock(&registry);
	c->next = e->conns;
	e->conns = c;
	if (c->grp.len == 0)
		e->cde.default_connection = con;
	pthread_mutex_unlock(&registry);
	return 0;
}

void cachedb_end_connections(str *cachedb_name)
{
	struct cdb_engine *e = cachedb_name ? lookup(cachedb_name) : NULL;
	struct cdb_conn *c, *next;

	if (e == NULL) {
		LM_ERR("cachedb_end_connections: no engine %.*s\n",
				cachedb_name ? cachedb_name->len : 0, cachedb_name ? cachedb_name->s : "");
		return;
	}
	pthread_mutex_lock(&registry);
	c = e->conns;
	e->conns = NULL;
	e->cde.default_connection = NULL;
	pthread_mutex_unlock(&registry);
	for (; c != NULL; c = next) {
		next = c->next;
		e->cde.cdb_func.destroy(c->con);
		free(c);
	}
}

/* What a by-name call runs on. */
struct target {
	struct cdb_engine *e;
	cachedb_con *con;
	int borrowed;
	int entered;
	struct sb_entry entry;   /* the engine module's lock and globals (a C engine is not thread-safe) */
};

static int resolve(str *name, struct target *t, int cap)
{
	str engine, grp = {NULL, 0};
	char *colon;
	struct cdb_conn *c, *other = NULL;
	int me = sb_thread_id();

	if (name == NULL || name->s == NULL || name->len <= 0) {
		LM_ERR("no cachedb engine name\n");
		return -1;
	}
	engine = *name;
	colon = memchr(name->s, ':', name->len);
	if (colon != NULL) {
		engine.len = colon - name->s;
		grp.s = colon + 1;
		grp.len = name->len - engine.len - 1;
	}
	t->e = lookup(&engine);
	if (t->e == NULL) {
		LM_ERR("no cachedb engine %.*s registered (is its module loaded?)\n", engine.len, engine.s);
		return -1;
	}
	if (!CACHEDB_CAPABILITY(&t->e->cde.cdb_func, cap)) {
		LM_ERR("cachedb engine %.*s cannot do this operation\n", engine.len, engine.s);
		return -1;
	}
	t->con = NULL;
	pthread_mutex_lock(&registry);
	for (c = t->e->conns; c != NULL; c = c->next) {
		if (c->grp.len != grp.len || (grp.len && memcmp(c->grp.s, grp.s, grp.len) != 0))
			continue;
		if (c->thread == me) {
			t->con = c->con;
			break;
		}
		if (other == NULL)
			other = c;
	}
	pthread_mutex_unlock(&registry);
	t->borrowed = 0;
	if (t->con == NULL && other != NULL) {
		t->con = other->con;
		t->borrowed = 1;
	}
	if (t->con == NULL) {
		LM_ERR("no connection of cachedb engine %.*s for group '%.*s'\n", engine.len, engine.s,
				grp.len, grp.s ? grp.s : "");
		return -1;
	}
	t->entered = 0;
	if (t->e->owner > 0 && sb_module_at(t->e->owner) != NULL) {
		t->entry = sb_enter(sb_module_at(t->e->owner));
		t->entered = 1;
	}
	if (t->borrowed)
		pthread_mutex_lock(&t->e->borrow);
	return 0;
}

static int done(struct target *t, int ret)
{
	if (t->borrowed)
		pthread_mutex_unlock(&t->e->borrow);
	if (t->entered)
		sb_leave(t->entry);
	return ret == 0 ? 1 : ret;   /* 1.11: an engine's 0 is success */
}

int cachedb_store(str *name, str *attr, str *val, int expires)
{
	struct target t;

	if (attr == NULL || val == NULL || resolve(name, &t, CACHEDB_CAP_SET) < 0)
		return -1;
	return done(&t, t.e->cde.cdb_func.set(t.con, attr, val, expires));
}

int cachedb_remove(str *name, str *attr)
{
	struct target t;

	if (attr == NULL || resolve(name, &t, CACHEDB_CAP_REMOVE) < 0)
		return -1;
	return done(&t, t.e->cde.cdb_func.remove(t.con, attr));
}

int cachedb_fetch(str *name, str *attr, str *val)
{
	struct target t;

	if (attr == NULL || val == NULL || resolve(name, &t, CACHEDB_CAP_GET) < 0)
		return -1;
	return done(&t, t.e->cde.cdb_func.get(t.con, attr, val));
}

int cachedb_counter_fetch(str *name, str *attr, int *val)
{
	struct target t;

	if (attr == NULL || val == NULL || resolve(name, &t, 0) < 0)
		return -1;
	if (t.e->cde.cdb_func.get_counter == NULL) {
		done(&t, 0);
		LM_ERR("cachedb engine %.*s has no counters\n", t.e->cde.name.len, t.e->cde.name.s);
		return -1;
	}
	return done(&t, t.e->cde.cdb_func.get_counter(t.con, attr, val));
}

int cachedb_add(str *name, str *attr, int val, int expires, int *new_val)
{
	struct target t;

	if (attr == NULL || resolve(name, &t, CACHEDB_CAP_ADD) < 0)
		return -1;
	return done(&t, t.e->cde.cdb_func.add(t.con, attr, val, expires, new_val));
}

int cachedb_sub(str *name, str *attr, int val, int expires, int *new_val)
{
	struct target t;

	if (attr == NULL || resolve(name, &t, CACHEDB_CAP_SUB) < 0)
		return -1;
	return done(&t, t.e->cde.cdb_func.sub(t.con, attr, val, expires, new_val));
}

int cachedb_raw_query(str *name, str *attr, cdb_raw_entry ***reply, int expected_kv_no,
		int *rpl_no)
{
	struct target t;

	if (attr == NULL || resolve(name, &t, CACHEDB_CAP_RAW) < 0)
		return -1;
	return done(&t, t.e->cde.cdb_func.raw_query(t.con, attr, reply, expected_kv_no, rpl_no));
}

void free_raw_fetch(cdb_raw_entry **reply, int no_val, int no_key)
{
	int i, j;

	if (reply == NULL)
		return;
	for (i = 0; i < no_key; i++) {
		for (j = 0; j < no_val; j++)
			if (reply[i][j].type == CDB_STR)
				pkg_free(reply[i][j].val.s.s);
		pkg_free(reply[i]);
	}
	pkg_free(reply);
}
