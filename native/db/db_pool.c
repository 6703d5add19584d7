/* The C drivers' connection pool, one per thread (see include/db/db_pool.h): OpenSIPS
 * shares a connection between the modules of one process; here between the modules of one
 * thread, so workers never share a connection. Entries live in a global list (a
 * connection made on one thread may be released on another, e.g. at shutdown) tagged with
 * their thread. The driver's own structure cannot grow, so the tag is in a side node. */
#include <pthread.h>
#include <stdlib.h>
#include "db_sdk.h"

struct pool_node {
	struct pool_con *con;
	int thread;
	struct pool_node *next;
};

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pool_node *pool_head;

struct pool_con *pool_get(const struct db_id *id)
{
	struct pool_node *n;
	struct pool_con *found = NULL;
	int me = sb_thread_id();

	if (id == NULL) {
		LM_ERR("pool_get: NULL id\n");
		return NULL;
	}
	pthread_mutex_lock(&pool_lock);
	for (n = pool_head; n != NULL; n = n->next) {
		if (n->thread == me && cmp_db_id(id, n->con->id)) {
			n->con->ref++;
			found = n->con;
			break;
		}
	}
	pthread_mutex_unlock(&pool_lock);
	return found;
}

void pool_insert(struct pool_con *con)
{
	struct pool_node *n;

	if (con == NULL)
		return;
	n = malloc(sizeof(*n));   /* core bookkeeping, not the module's memory */
	if (n == NULL) {
		LM_ERR("no memory to pool a connection: it stays private to its handle\n");
		return;
	}
	n->con = con;
	n->thread = sb_thread_id();
	con->next = NULL;
	pthread_mutex_lock(&pool_lock);
	n->next = pool_head;
	pool_head = n;
	pthread_mutex_unlock(&pool_lock);
}

int pool_remove(struct pool_con *con)
{
	struct pool_node **pp, *n;
	int ret = -1;

	if (con == NULL)
		return -2;
	pthread_mutex_lock(&pool_lock);
	if (con->ref > 1) {
		con->ref--;
		pthread_mutex_unlock(&pool_lock);
		return 0;
	}
	for (pp = &pool_head; (n = *pp) != NULL; pp = &n->next) {
		if (n->con == con) {
			*pp = n->next;
			free(n);
			ret = 1;
			break;
		}
	}
	pthread_mutex_unlock(&pool_lock);
	if (ret < 0) {
		/* a connection pool_insert could not record: its handle was its only user */
		LM_WARN("connection %p not in the pool\n", (void *)con);
		ret = 1;
	}
	return ret;
}
