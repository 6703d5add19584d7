/* sipbridge module SDK: readers/writer locks (OpenSIPS 1.11 rw_locking.h names).
 * Any number of readers or one writer; built on a pthread rwlock in shm memory. */
#ifndef SB_SDK_RW_LOCKING_H
#define SB_SDK_RW_LOCKING_H

#include <pthread.h>
#include "mem/shm_mem.h"

typedef struct rw_lock_t {
	pthread_rwlock_t lock;
} rw_lock_t;

/* NULL when out of memory. */
static inline rw_lock_t *lock_init_rw(void)
{
	rw_lock_t *l = (rw_lock_t *)shm_malloc(sizeof(rw_lock_t));
	if (l == (rw_lock_t *)0)
		return l;
	if (pthread_rwlock_init(&l->lock, NULL) != 0) {
		shm_free(l);
		return (rw_lock_t *)0;
	}
	return l;
}

static inline void lock_destroy_rw(rw_lock_t *l)
{
	if (l == (rw_lock_t *)0)
		return;
	pthread_rwlock_destroy(&l->lock);
	shm_free(l);
}

#define lock_start_read(_l)  pthread_rwlock_rdlock(&(_l)->lock)
#define lock_stop_read(_l)   pthread_rwlock_unlock(&(_l)->lock)
#define lock_start_write(_l) pthread_rwlock_wrlock(&(_l)->lock)
#define lock_stop_write(_l)  pthread_rwlock_unlock(&(_l)->lock)

#endif
