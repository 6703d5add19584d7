/* sipbridge module SDK: allocating locks (OpenSIPS 1.11 lock_alloc.h names).
 * Locks and lock sets come from shm memory (charged to the calling module); free them
 * with lock_dealloc / lock_set_dealloc after lock_destroy / lock_set_destroy. */
#ifndef SB_SDK_LOCK_ALLOC_H
#define SB_SDK_LOCK_ALLOC_H

#include "mem/shm_mem.h"
#include "lock_ops.h"

static inline gen_lock_t *lock_alloc(void)
{
	return (gen_lock_t *)shm_malloc(sizeof(gen_lock_t));
}

static inline void lock_dealloc(gen_lock_t *lock)
{
	shm_free(lock);
}

/* One block: the set header followed by n locks (not initialised: see lock_set_init). */
static inline gen_lock_set_t *lock_set_alloc(int n)
{
	gen_lock_set_t *s;
	if (n <= 0)
		return (gen_lock_set_t *)0;
	s = (gen_lock_set_t *)shm_malloc(sizeof(gen_lock_set_t) + (size_t)n * sizeof(gen_lock_t));
	if (s == (gen_lock_set_t *)0)
		return s;
	s->size = n;
	s->locks = (gen_lock_t *)(void *)(s + 1);
	return s;
}

static inline void lock_set_dealloc(gen_lock_set_t *s)
{
	shm_free(s);
}

#endif
