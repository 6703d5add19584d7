/* The cachedb engines' connection pool, one per thread (see include/cachedb/cachedb_pool.h
 * and native/db/db_pool.c, which works the same way). */
#include <pthread.h>
#include <stdlib.h>
#include "cachedb_sdk.h"

struct node {
	cachedb_pool_con *con;
	int thread;
	struct node *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct node *head;

cachedb_pool_con *cachedb_pool_get(struct cachedb_id *id)
{
	struct node *n;
	cachedb_pool_con *found = NULL;
	int me = sb_thread_id();

	pthread_mutex_lock(&lock);
	for (n = head; n != NULL; n = n->next) {
		if (n->thread == me && cmp_cachedb_id(id, n->con->id)) {
			n->con->ref++;
			found = n->con;
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return found;
}

void cachedb_pool_insert(cachedb_pool_con *con)
{
	struct node *n;

	if (con == NULL || (n = malloc(sizeof(*n))) == NULL)
		return;
	n->con = con;
	n->thread = sb_thread_id();
	con->next = NULL;
	pthread_mutex_lock(&lock);
	n->next = head;
	head = n;
	pthread_mutex_unlock(&lock);
}

int cachedb_pool_remove(cachedb_pool_con *con)
{
	struct node **pp, *n;

	if (con == NULL)
		return -2;
	pthread_mutex_lock(&lock);
	if (con->ref > 1) {
		con->ref--;
		pthread_mutex_unlock(&lock);
		return 0;
	}
	for (pp = &head; (n = *pp) != NULL; pp = &n->next) {
		if (n->con == con) {
			*pp = n->next;
			free(n);
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return 1;
}
