/* Insert queues (include/db/db_insertq.h): rows of the same table and columns from every
 * worker pile up in one shm queue and go to the database in one multi-row insert. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "db_sdk.h"

int query_buffer_size = 0;   /* core setting; <= 1 turns queues off */
int query_flush_time = 0;    /* core setting; seconds, DEF_FLUSH_TIME when 0 */
query_list_t **query_list = NULL;
gen_lock_t *ql_lock = NULL;

static query_list_t *last_entry;   /* tail of *query_list, under ql_lock */

int init_ql_support(void)
{
	if (query_buffer_size <= 1 || query_list != NULL)
		return 0;
	query_list = shm_malloc(sizeof(*query_list));
	ql_lock = lock_alloc();
	if (query_list == NULL || ql_lock == NULL || lock_init(ql_lock) == NULL) {
		LM_ERR("no shm memory for the insert queues\n");
		goto fail;
	}
	*query_list = NULL;
	if (register_timer("querydb-flush", ql_timer_routine, NULL,
			query_flush_time > 0 ? query_flush_time : DEF_FLUSH_TIME) < 0) {
		LM_ERR("cannot register the insert queue timer\n");
		goto fail;
	}
	return 0;
fail:
	shm_free(query_list);
	query_list = NULL;
	if (ql_lock)
		lock_dealloc(ql_lock);
	ql_lock = NULL;
	return -1;
}

/* Bytes the strings of row need besides the db_val_t array. */
static size_t row_payload(const db_val_t *row, int n)
{
	size_t size = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (VAL_NULL(row + i))
			continue;
		if (VAL_TYPE(row + i) == DB_STR)
			size += VAL_STR(row + i).len;
		else if (VAL_TYPE(row + i) == DB_STRING && VAL_STRING(row + i))
			size += strlen(VAL_STRING(row + i)) + 1;
		else if (VAL_TYPE(row + i) == DB_BLOB)
			size += VAL_BLOB(row + i).len;
	}
	return size;
}

/* One shm block: the values, then their strings. */
static db_val_t *copy_row(const db_val_t *row, int n)
{
	db_val_t *copy = shm_malloc(n * sizeof(db_val_t) + row_payload(row, n));
	char *pos;
	int i, len;

	if (copy == NULL)
		return NULL;
	memcpy(copy, row, n * sizeof(db_val_t));
	pos = (char *)(copy + n);
	for (i = 0; i < n; i++) {
		copy[i].free = 0;
		if (VAL_NULL(row + i))
			continue;
		if (VAL_TYPE(row + i) == DB_STR || VAL_TYPE(row + i) == DB_BLOB) {
			len = VAL_STR(row + i).len;   /* str_val and blob_val share the layout */
			memcpy(pos, VAL_STR(row + i).s, len);
			VAL_STR(copy + i).s = pos;
			pos += len;
		} else if (VAL_TYPE(row + i) == DB_STRING && VAL_STRING(row + i)) {
			len = strlen(VAL_STRING(row + i)) + 1;
			memcpy(pos, VAL_STRING(row + i), len);
			VAL_STRING(copy + i) = pos;
			pos += len;
		}
	}
	return copy;
}

int ql_detach_rows_unsafe(query_list_t *entry, db_val_t ***ins_rows)
{
	static __thread db_val_t **detached;   /* query_buffer_size slots per thread */
	int n;

	if (detached == NULL && (detached = malloc(query_buffer_size * sizeof(db_val_t *))) == NULL) {
		LM_ERR("no memory to flush an insert queue\n");
		return -1;
	}
	if (entry->no_rows == 0)
		return 0;
	memcpy(detached, entry->rows, query_buffer_size * sizeof(db_val_t *));
	memset(entry->rows, 0, query_buffer_size * sizeof(db_val_t *));
	n = entry->no_rows;
	entry->no_rows = 0;
	entry->oldest_query = 0;
	*ins_rows = detached;
	return n;
}

int ql_row_add(query_list_t *entry, const db_val_t *row, db_val_t ***ins_rows)
{
	db_val_t *copy;
	int n = 0;

	if (entry == NULL || row == NULL)
		return -1;
	copy = copy_row(row, entry->col_no);
	if (copy == NULL) {
		LM_ERR("no shm memory to queue a row of %.*s\n", entry->table.len, entry->table.s);
		return -1;
	}
	lock_get(entry->lock);
	if (entry->no_rows == 0)
		entry->oldest_query = time(NULL);
	entry->rows[entry->no_rows++] = copy;
	if (entry->no_rows == query_buffer_size)
		n = ql_detach_rows_unsafe(entry, ins_rows);
	lock_release(entry->lock);
	return n;
}

/* A queue for (table, cols): one shm block holding the entry, the table name, the
 * columns, the row slots and the URL. */
static query_list_t *new_entry(db_con_t *con, db_key_t *cols, int col_no)
{
	size_t size = sizeof(query_list_t) + con->table->len + con->url.len
			+ col_no * (sizeof(db_key_t) + sizeof(str)) + query_buffer_size * sizeof(db_val_t *);
	query_list_t *e;
	char *pos;
	int i;

	for (i = 0; i < col_no; i++)
		size += cols[i]->len;
	e = shm_malloc(size);
	if (e == NULL)
		return NULL;
	memset(e, 0, size);
	e->lock = lock_alloc();
	if (e->lock == NULL || lock_init(e->lock) == NULL) {
		if (e->lock)
			lock_dealloc(e->lock);
		shm_free(e);
		return NULL;
	}
	e->rows = (db_val_t **)(e + 1);
	e->cols = (db_key_t *)(e->rows + query_buffer_size);
	pos = (char *)(e->cols + col_no);
	e->col_no = col_no;
	for (i = 0; i < col_no; i++) {
		str *c = (str *)pos;
		pos += sizeof(str);
		e->cols[i] = c;
		c->len = cols[i]->len;
	}
	for (i = 0; i < col_no; i++) {
		e->cols[i]->s = pos;
		memcpy(pos, cols[i]->s, cols[i]->len);
		pos += cols[i]->len;
	}
	e->table.s = pos;
	e->table.len = con->table->len;
	memcpy(pos, con->table->s, con->table->len);
	pos += con->table->len;
	e->url.s = pos;
	e->url.len = con->url.len;
	memcpy(pos, con->url.s, con->url.len);
	return e;
}

static int same_queue(const query_list_t *e, const str *table, db_key_t *cols, int col_no)
{
	int i;

	if (e->col_no != col_no || e->table.len != table->len
			|| memcmp(e->table.s, table->s, table->len) != 0)
		return 0;
	for (i = 0; i < col_no; i++)
		if (e->cols[i]->len != cols[i]->len
				|| memcmp(e->cols[i]->s, cols[i]->s, cols[i]->len) != 0)
			return 0;
	return 1;
}

int con_set_inslist(db_func_t *dbf, db_con_t *con, query_list_t **list,
		db_key_t *cols, int col_no)
{
	query_list_t *e;

	if (query_buffer_size <= 1 || query_list == NULL || dbf == NULL
			|| !DB_CAPABILITY(*dbf, DB_CAP_MULTIPLE_INSERT) || list == NULL || con == NULL)
		return 0;
	if (*list != NULL) {
		con->ins_list = *list;
		return 0;
	}
	if (con->table == NULL || cols == NULL || col_no <= 0) {
		LM_ERR("con_set_inslist: no table or no columns\n");
		return -1;
	}
	lock_get(ql_lock);
	for (e = *query_list; e != NULL; e = e->next)
		if (same_queue(e, con->table, cols, col_no))
			break;
	if (e == NULL) {
		e = new_entry(con, cols, col_no);
		if (e == NULL) {
			lock_release(ql_lock);
			LM_ERR("no shm memory for an insert queue\n");
			return -1;
		}
		if (*query_list == NULL) {
			*query_list = e;
		} else {
			last_entry->next = e;
			e->prev = last_entry;
		}
		last_entry = e;
	}
	lock_release(ql_lock);
	con->ins_list = e;
	*list = e;
	return 0;
}

void cleanup_rows(db_val_t **rows)
{
	int i;

	if (rows == NULL)
		return;
	for (i = 0; i < query_buffer_size; i++) {
		if (rows[i] != NULL) {
			shm_free(rows[i]);
			rows[i] = NULL;
		}
	}
}

/* Opens the queue's own handle (for the timer and shutdown). 0, or -1 (lock released). */
static int open_own(query_list_t *e)
{
	if (e->conn != NULL)
		return 0;
	if (db_bind_mod(&e->url, &e->dbf) < 0 || (e->conn = e->dbf.init(&e->url)) == NULL) {
		LM_ERR("insert queue of %.*s: cannot reach the database\n", e->table.len, e->table.s);
		lock_release(e->lock);
		return -1;
	}
	e->dbf.use_table(e->conn, &e->table);
	return 0;
}

void ql_timer_routine(unsigned int ticks, void *param)
{
	query_list_t *e;
	time_t now = time(NULL);

	if (query_list == NULL)
		return;
	for (e = *query_list; e != NULL; e = e->next) {
		lock_get(e->lock);
		if (e->oldest_query == 0 || now - e->oldest_query < query_flush_time) {
			lock_release(e->lock);
			continue;
		}
		if (open_own(e) < 0)
			continue;
		e->conn->ins_list = e;
		CON_FLUSH_UNSAFE(e->conn);
		/* the insert releases the lock (CON_FLUSH_RESET) once it took the rows */
		if (e->dbf.insert(e->conn, e->cols, (db_val_t *)-1, e->col_no) < 0)
			LM_ERR("insert queue of %.*s: flush failed\n", e->table.len, e->table.s);
	}
}

int ql_flush_rows(db_func_t *dbf, db_con_t *conn, query_list_t *entry)
{
	if (query_buffer_size <= 1 || entry == NULL)
		return 0;
	conn->ins_list = entry;
	CON_FLUSH_SAFE(conn);
	if (dbf->insert(conn, entry->cols, (db_val_t *)-1, entry->col_no) < 0) {
		LM_ERR("insert queue of %.*s: flush failed\n", entry->table.len, entry->table.s);
		return -1;
	}
	return 0;
}

void handle_ql_shutdown(void)
{
	query_list_t *e, *next;

	if (query_list == NULL)
		return;
	for (e = *query_list; e != NULL; e = next) {
		next = e->next;
		lock_get(e->lock);
		if (e->no_rows > 0 && open_own(e) == 0) {
			e->conn->ins_list = e;
			CON_FLUSH_UNSAFE(e->conn);
			if (e->dbf.insert(e->conn, e->cols, (db_val_t *)-1, e->col_no) < 0)
				LM_ERR("insert queue of %.*s: rows lost at shutdown\n", e->table.len, e->table.s);
		} else {
			lock_release(e->lock);
		}
		if (e->conn != NULL)
			e->dbf.close(e->conn);
		lock_destroy(e->lock);
		lock_dealloc(e->lock);
		shm_free(e);
	}
	*query_list = NULL;
	lock_destroy(ql_lock);
	lock_dealloc(ql_lock);
	shm_free(query_list);
	query_list = NULL;
	ql_lock = NULL;
}
