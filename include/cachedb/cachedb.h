/* sipbridge module SDK: the key-value cache API (OpenSIPS 1.11 interface).
 *
 * An engine module (cachedb_local, cachedb_redis...) registers itself in mod_init with
 * register_cachedb() under its name ("local", "redis"), opens its connections in
 * child_init with cachedb_do_init() and hands them to the core with
 * cachedb_put_connection(). Users either bind the engine's functions with
 * cachedb_bind_mod(url, &funcs) and call them on connections of their own, or go through
 * the core's cachedb_store/fetch/remove/add/sub with an engine name ("redis" or
 * "redis:group"), which use the calling worker's connection of that group.
 * Values fetched (val->s) are pkg memory the caller frees. Functions return < 0 on error;
 * the core's wrappers turn an engine's 0 into 1. */
#ifndef SB_SDK_CACHEDB_H
#define SB_SDK_CACHEDB_H

#include "../str.h"
#include "../db/db_query.h"
#include "cachedb_con.h"
#include "cachedb_pool.h"
#include "cachedb_id.h"

struct cachedb_url {
	str url;
	struct cachedb_url *next;
};

typedef enum {
	CDB_INT,
	CDB_STR,
} cdb_raw_type_t;

typedef struct {
	int type;   /* cdb_raw_type_t */
	union {
		int n;
		str s;   /* pkg, freed by free_raw_fetch */
	} val;
} cdb_raw_entry;

/* Appends a copy of the URL val to the list (a modparam "cachedb_url" handler). */
int cachedb_store_url(struct cachedb_url **list, char *val);
void cachedb_free_url(struct cachedb_url *list);

/* For engines: a handle on the calling thread's pooled connection for url, made with
 * new_connection(id) when there is none; and its release. */
cachedb_con *cachedb_do_init(str *url, void *(*new_connection)(struct cachedb_id *));
void cachedb_do_close(cachedb_con *con, void (*free_connection)(cachedb_pool_con *));

typedef cachedb_con *(cachedb_init_f)(str *url);
typedef void (cachedb_destroy_f)(cachedb_con *con);
typedef int (cachedb_get_f)(cachedb_con *con, str *attr, str *val);
typedef int (cachedb_getcounter_f)(cachedb_con *con, str *attr, int *val);
typedef int (cachedb_set_f)(cachedb_con *con, str *attr, str *val, int expires);
typedef int (cachedb_remove_f)(cachedb_con *con, str *attr);
typedef int (cachedb_add_f)(cachedb_con *con, str *attr, int val, int expires, int *new_val);
typedef int (cachedb_sub_f)(cachedb_con *con, str *attr, int val, int expires, int *new_val);
typedef int (cachedb_raw_f)(cachedb_con *con, str *query, cdb_raw_entry ***reply,
		int expected_key_no, int *reply_no);
typedef int (cachedb_query_trans_f)(cachedb_con *con, const str *table, const db_key_t *_k,
		const db_op_t *_op, const db_val_t *_v, const db_key_t *_c, const int _n,
		const int _nc, const db_key_t _o, db_res_t **_r);
typedef int (cachedb_free_trans_f)(cachedb_con *con, db_res_t *_r);
typedef int (cachedb_insert_trans_f)(cachedb_con *con, const str *table, const db_key_t *_k,
		const db_val_t *_v, const int _n);
typedef int (cachedb_delete_trans_f)(cachedb_con *con, const str *table, const db_key_t *_k,
		const db_op_t *_o, const db_val_t *_v, const int _n);
typedef int (cachedb_update_trans_f)(cachedb_con *con, const str *table, const db_key_t *_k,
		const db_op_t *_o, const db_val_t *_v, const db_key_t *_uk, const db_val_t *_uv,
		const int _n, const int _un);

/* An engine's functions, in the 1.11 order; capability: CACHEDB_CAP_* bits. */
typedef struct cachedb_funcs_t {
	cachedb_init_f *init;
	cachedb_destroy_f *destroy;
	cachedb_get_f *get;
	cachedb_getcounter_f *get_counter;
	cachedb_set_f *set;
	cachedb_remove_f *remove;
	cachedb_add_f *add;
	cachedb_sub_f *sub;
	cachedb_raw_f *raw_query;
	cachedb_query_trans_f *db_query_trans;
	cachedb_free_trans_f *db_free_trans;
	cachedb_insert_trans_f *db_insert_trans;
	cachedb_delete_trans_f *db_delete_trans;
	cachedb_update_trans_f *db_update_trans;
	int capability;
} cachedb_funcs;

typedef struct cachedb_engines {
	str name;
	cachedb_funcs cdb_func;
	cachedb_con *default_connection;   /* 1.11 fields; sipbridge keeps one per thread inside */
	cachedb_con_list *connections;
} cachedb_engine;

/* Registers an engine (a copy of *cde_entry; init and destroy are required). */
int register_cachedb(cachedb_engine *cde_entry);

/* The script's cache_* functions: cachedb_engine is "name" or "name:group". */
int cachedb_store(str *cachedb_engine, str *attr, str *val, int expires);
int cachedb_remove(str *cachedb_engine, str *attr);
int cachedb_fetch(str *cachedb_engine, str *attr, str *val);
int cachedb_counter_fetch(str *cachedb_engine, str *attr, int *val);
int cachedb_add(str *cachedb_engine, str *attr, int val, int expires, int *new_val);
int cachedb_sub(str *cachedb_engine, str *attr, int val, int expires, int *new_val);
int cachedb_raw_query(str *cachedb_engine, str *attr, cdb_raw_entry ***reply,
		int expected_key_no, int *val_no);

/* Fills funcs with the engine named by url's scheme ("redis://..." -> "redis"). */
int cachedb_bind_mod(str *url, cachedb_funcs *funcs);
/* Gives the core a connection for the script functions (the calling thread's, for its group). */
int cachedb_put_connection(str *cachedb_name, cachedb_con *con);
/* Destroys every connection handed to the core for that engine. */
void cachedb_end_connections(str *cachedb_name);
void free_raw_fetch(cdb_raw_entry **reply, int no_val, int no_key);

#endif
