/* db_bind_mod and the generic helpers of db.h: the driver is the module named
 * "db_" + the URL's scheme, bound through its db_bind_api export or its db_* exports;
 * when no such module is loaded, sipbridge's Java drivers (db_java.c). */
#include <string.h>
#include <unistd.h>
#include <limits.h>
#include "db_sdk.h"

/* The 1.11 limit for URLs db_bind_mod and db_do_init accept. */
#define SB_DB_MAX_URL 255
/* Per-column bookkeeping estimate_available_rows assumes (a db_val_t and its copy). */
#define SB_DB_COLUMN_OVERHEAD 256

static int check_api(db_func_t *dbf, const char *driver)
{
	if (dbf->use_table == NULL || dbf->init == NULL || dbf->close == NULL) {
		LM_ERR("DB driver %s lacks use_table, init or close\n", driver);
		return -1;
	}
	if (dbf->query) dbf->cap |= DB_CAP_QUERY;
	if (dbf->fetch_result) dbf->cap |= DB_CAP_FETCH;
	if (dbf->raw_query) dbf->cap |= DB_CAP_RAW_QUERY;
	if ((dbf->cap & (DB_CAP_QUERY | DB_CAP_RAW_QUERY)) && dbf->free_result == NULL) {
		LM_ERR("DB driver %s runs queries but has no free_result\n", driver);
		return -1;
	}
	if (dbf->insert) dbf->cap |= DB_CAP_INSERT;
	if (dbf->delete) dbf->cap |= DB_CAP_DELETE;
	if (dbf->update) dbf->cap |= DB_CAP_UPDATE;
	if (dbf->replace) dbf->cap |= DB_CAP_REPLACE;
	if (dbf->last_inserted_id) dbf->cap |= DB_CAP_LAST_INSERTED_ID;
	if (dbf->insert_update) dbf->cap |= DB_CAP_INSERT_UPDATE;
	return 0;
}

/* The export interface of drivers without db_bind_api. */
static void bind_exports(char *driver, db_func_t *f)
{
	f->use_table = (db_use_table_f)(void *)find_mod_export(driver, "db_use_table", 2, 0);
	f->init = (db_init_f)(void *)find_mod_export(driver, "db_init", 1, 0);
	f->close = (db_close_f)(void *)find_mod_export(driver, "db_close", 2, 0);
	f->query = (db_query_f)(void *)find_mod_export(driver, "db_query", 2, 0);
	f->fetch_result = (db_fetch_result_f)(void *)find_mod_export(driver, "db_fetch_result", 2, 0);
	f->raw_query = (db_raw_query_f)(void *)find_mod_export(driver, "db_raw_query", 2, 0);
	f->free_result = (db_free_result_f)(void *)find_mod_export(driver, "db_free_result", 2, 0);
	f->insert = (db_insert_f)(void *)find_mod_export(driver, "db_insert", 2, 0);
	f->delete = (db_delete_f)(void *)find_mod_export(driver, "db_delete", 2, 0);
	f->update = (db_update_f)(void *)find_mod_export(driver, "db_update", 2, 0);
	f->replace = (db_replace_f)(void *)find_mod_export(driver, "db_replace", 2, 0);
	f->last_inserted_id = (db_last_inserted_id_f)(void *)find_mod_export(driver,
			"db_last_inserted_id", 1, 0);
	f->insert_update = (db_insert_update_f)(void *)find_mod_export(driver, "db_insert_update", 2, 0);
}

int db_bind_mod(const str *mod, db_func_t *mydbf)
{
	char driver[SB_DB_MAX_URL + 4];
	const char *colon;
	int len;
	db_func_t dbf;
	db_bind_api_f bind_api;

	if (mydbf == NULL || mod == NULL || mod->s == NULL || mod->len <= 0) {
		LM_CRIT("db_bind_mod: no database URL or no db_func_t\n");
		return -1;
	}
	memset(mydbf, 0, sizeof(*mydbf));
	if (mod->len > SB_DB_MAX_URL) {
		LM_ERR("database URL longer than %d characters\n", SB_DB_MAX_URL);
		return -1;
	}
	colon = memchr(mod->s, ':', mod->len);
	len = colon ? (int)(colon - mod->s) : mod->len;
	if (len == 0) {
		LM_ERR("database URL without a scheme: '%.*s'\n", mod->len, mod->s);
		return -1;
	}
	memcpy(driver, "db_", 3);
	memcpy(driver + 3, mod->s, len);
	driver[len + 3] = '\0';

	memset(&dbf, 0, sizeof(dbf));
	bind_api = (db_bind_api_f)(void *)find_mod_export(driver, "db_bind_api", 0, 0);
	if (bind_api != NULL) {
		if (bind_api(mod, &dbf) < 0) {
			LM_ERR("db_bind_api of %s failed\n", driver);
			return -1;
		}
	} else {
		bind_exports(driver, &dbf);
		if (dbf.use_table == NULL && dbf.init == NULL && sb_db_java_serves(mod)) {
			LM_DBG("no module %s loaded: sipbridge's Java driver serves it\n", driver);
			if (sb_db_java_bind(mod, &dbf) < 0)
				return -1;
			strcpy(driver, "sipbridge's Java driver");
		} else if (dbf.use_table == NULL && dbf.init == NULL) {
			LM_ERR("no DB driver for '%.*s': load module %s (sipbridge's own drivers"
					" serve sqlite://, postgres://, mysql://)\n", mod->len, mod->s, driver);
			return -1;
		}
	}
	if (check_api(&dbf, driver) != 0)
		return -1;
	*mydbf = dbf;
	return 0;
}

db_con_t *db_do_init(const str *url, void *(*new_connection)())
{
	db_con_t *h;
	struct db_id *id;
	struct pool_con *con;

	if (url == NULL || url->s == NULL || new_connection == NULL) {
		LM_ERR("db_do_init: no URL or no connection maker\n");
		return NULL;
	}
	if (url->len > SB_DB_MAX_URL) {
		LM_ERR("database URL longer than %d characters\n", SB_DB_MAX_URL);
		return NULL;
	}
	/* one block: the handle, a pointer-size gap (1.11's layout) and the URL */
	h = pkg_malloc(sizeof(db_con_t) + sizeof(void *) + url->len);
	if (h == NULL) {
		LM_ERR("no pkg memory for a database handle\n");
		return NULL;
	}
	memset(h, 0, sizeof(db_con_t) + sizeof(void *));
	h->url.s = (char *)h + sizeof(db_con_t) + sizeof(void *);
	h->url.len = url->len;
	memcpy(h->url.s, url->s, url->len);

	id = new_db_id(url);
	if (id == NULL) {
		LM_ERR("cannot parse database URL '%.*s'\n", url->len, url->s);
		pkg_free(h);
		return NULL;
	}
	con = pool_get(id);
	if (con != NULL) {
		free_db_id(id);   /* the pooled connection keeps its own */
	} else {
		con = new_connection(id);
		if (con == NULL) {
			LM_ERR("could not connect to '%.*s'\n", url->len, url->s);
			free_db_id(id);
			pkg_free(h);
			return NULL;
		}
		pool_insert(con);
	}
	h->tail = (unsigned long)con;
	return h;
}

void db_do_close(db_con_t *_h, void (*free_connection)())
{
	struct pool_con *con;

	if (_h == NULL) {
		LM_ERR("db_do_close: NULL handle\n");
		return;
	}
	con = (struct pool_con *)_h->tail;
	if (pool_remove(con) == 1 && free_connection != NULL)
		free_connection(con);
	pkg_free(_h);
}

int db_use_table(db_con_t *_h, const str *_t)
{
	if (_h == NULL || _t == NULL || _t->s == NULL) {
		LM_ERR("db_use_table: bad handle %p or table %p\n", _h, _t);
		return -1;
	}
	CON_TABLE(_h) = _t;
	return 0;
}

int db_table_version(const db_func_t *dbf, db_con_t *con, const str *table)
{
	str version_table, name_col = str_init(TABLENAME_COLUMN), ver_col = str_init(VERSION_COLUMN);
	db_key_t key[1], col[1];
	db_val_t val[1];
	db_res_t *res = NULL;
	db_val_t *v;
	int ret;

	if (dbf == NULL || con == NULL || table == NULL || table->s == NULL) {
		LM_CRIT("db_table_version: bad arguments\n");
		return -1;
	}
	if (dbf->query == NULL) {
		LM_ERR("the DB driver cannot query the version table\n");
		return -1;
	}
	version_table.s = db_version_table ? db_version_table : VERSION_TABLE;
	version_table.len = strlen(version_table.s);
	if (dbf->use_table(con, &version_table) < 0) {
		LM_ERR("cannot use table %s\n", version_table.s);
		return -1;
	}
	key[0] = &name_col;
	col[0] = &ver_col;
	memset(val, 0, sizeof(val));
	VAL_TYPE(val) = DB_STR;
	VAL_STR(val) = *table;
	if (dbf->query(con, key, 0, val, col, 1, 1, 0, &res) < 0 || res == NULL) {
		LM_ERR("cannot read the version of table %.*s\n", table->len, table->s);
		return -1;
	}
	if (RES_ROW_N(res) == 0) {
		dbf->free_result(con, res);
		return 0;
	}
	if (RES_ROW_N(res) != 1) {
		LM_ERR("%d rows for table %.*s in %s\n", RES_ROW_N(res), table->len, table->s,
				version_table.s);
		dbf->free_result(con, res);
		return -1;
	}
	v = ROW_VALUES(RES_ROWS(res));
	if (VAL_NULL(v) || (VAL_TYPE(v) != DB_INT && VAL_TYPE(v) != DB_BIGINT)) {
		LM_ERR("the version of table %.*s is NULL or not a number (type %d)\n",
				table->len, table->s, VAL_TYPE(v));
		dbf->free_result(con, res);
		return -1;
	}
	ret = VAL_TYPE(v) == DB_INT ? VAL_INT(v) : (int)VAL_BIGINT(v);
	dbf->free_result(con, res);
	return ret;
}

int db_check_table_version(db_func_t *dbf, db_con_t *dbh, const str *table,
		const unsigned int version)
{
	int ver;

	if (!DB_CAPABILITY(*dbf, DB_CAP_QUERY))
		return 0;
	ver = db_table_version(dbf, dbh, table);
	if (ver < 0) {
		LM_ERR("cannot read the version of table %.*s\n", table->len, table->s);
		return -1;
	}
	if ((unsigned int)ver != version) {
		LM_ERR("table %.*s has version %d, this module needs %u (create or upgrade it:"
				" scripts/db-init.sh)\n", table->len, table->s, ver, version);
		return -1;
	}
	return 0;
}

int estimate_available_rows(int payload_size, int column_count)
{
	long pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	long long per_row = (long long)payload_size + (long long)column_count * SB_DB_COLUMN_OVERHEAD;
	long long rows;

	if (pages <= 0 || page <= 0 || per_row <= 0)
		return 0;   /* 1.11: 0 = the allocator cannot tell */
	/* a quarter of the free memory: pkg is the process heap here, shared by every worker */
	rows = (long long)pages * page / 4 / per_row;
	return rows > INT_MAX ? INT_MAX : (int)rows;
}
