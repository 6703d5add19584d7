/* sipbridge module SDK: readers/writer locks (OpenSIPS 1.11 rw_locking.h).
 *
 * Any number of readers or one writer. The structure has 1.11's fields, since modules
 * reach into it (drouting takes ->lock to guard its own reload flag): a gen_lock_t
 * guarding the two counters, w_flag set while a writer holds or waits for the lock
 * (new readers then wait), r_count the readers inside. Waiting polls every LOCK_WAIT
 * microseconds, as in 1.11; these locks guard rare writes (reloads) and short reads. */
#ifndef SB_SDK_RW_LOCKING_H
#define SB_SDK_RW_LOCKING_H

#include <string.h>
#include <unistd.h>
#include "locking.h"
#include "mem/shm_mem.h"

#define LOCK_WAIT 10

typedef struct rw_lock_t {
	gen_lock_t *lock;
	int w_flag;
	int r_count;
} rw_lock_t;

/* a new lock in shm, NULL when out of memory */
static inline rw_lock_t *lock_init_rw(void)
{
	rw_lock_t *l = (rw_lock_t *)shm_malloc(sizeof(rw_lock_t));
	if (l == (rw_lock_t *)0)
		return l;
	memset(l, 0, sizeof(*l));
	l->lock = lock_alloc();
	if (l->lock == (gen_lock_t *)0 || lock_init(l->lock) == (gen_lock_t *)0) {
		if (l->lock)
			lock_dealloc(l->lock);
		shm_free(l);
		return (rw_lock_t *)0;
	}
	return l;
}

static inline void lock_destroy_rw(rw_lock_t *l)
{
	if (l == (rw_lock_t *)0)
		return;
	if (l->lock) {
		lock_destroy(l->lock);
		lock_dealloc(l->lock);
	}
	shm_free(l);
}

/* Writer: claim w_flag (one writer at a time), then wait for the readers to leave. */
static inline void sb_rw_start_write(rw_lock_t *l)
{
	for (;;) {
		lock_get(l->lock);
		if (!l->w_flag) {
			l->w_flag = 1;
			lock_release(l->lock);
			break;
		}
		lock_release(l->lock);
		usleep(LOCK_WAIT);
	}
	while (__atomic_load_n(&l->r_count, __ATOMIC_ACQUIRE) > 0)
		usleep(LOCK_WAIT);
}

static inline void sb_rw_stop_write(rw_lock_t *l)
{
	lock_get(l->lock);
	l->w_flag = 0;
	lock_release(l->lock);
}

/* Reader: enter when no writer holds or waits. */
static inline void sb_rw_start_read(rw_lock_t *l)
{
	for (;;) {
		lock_get(l->lock);
		if (!l->w_flag) {
			l->r_count++;
			lock_release(l->lock);
			break;
		}
		lock_release(l->lock);
		usleep(LOCK_WAIT);
	}
}

static inline void sb_rw_stop_read(rw_lock_t *l)
{
	lock_get(l->lock);
	l->r_count--;
	lock_release(l->lock);
}

#define lock_start_write(_l) sb_rw_start_write(_l)
#define lock_stop_write(_l)  sb_rw_stop_write(_l)
#define lock_start_read(_l)  sb_rw_start_read(_l)
#define lock_stop_read(_l)   sb_rw_stop_read(_l)

#endif
