/* sipbridge module SDK: locks (OpenSIPS 1.11 lock_ops.h names).
 *
 * OpenSIPS workers are processes and its locks live in shared memory; sipbridge workers
 * are threads of one process, so a gen_lock_t is a process-private pthread mutex. It may
 * be embedded in any structure (shm or pkg) or allocated with lock_alloc().
 * lock_init() returns the lock (NULL on failure), as the 1.11 macros do; the other
 * operations return nothing. A lock is not recursive: taking it twice on one thread
 * deadlocks, as in OpenSIPS. */
#ifndef SB_SDK_LOCK_OPS_H
#define SB_SDK_LOCK_OPS_H

#include <pthread.h>

typedef pthread_mutex_t gen_lock_t;

/* gen_lock_t is cheap enough to have one per entry (1.11 defines this for fast locks). */
#define GEN_LOCK_T_PREFERED

static inline gen_lock_t *lock_init(gen_lock_t *lock)
{
	return pthread_mutex_init(lock, NULL) == 0 ? lock : (gen_lock_t *)0;
}

static inline void lock_destroy(gen_lock_t *lock)
{
	pthread_mutex_destroy(lock);
}

/* 0 when the lock was taken, -1 when it is held elsewhere. */
static inline int lock_try(gen_lock_t *lock)
{
	return pthread_mutex_trylock(lock) == 0 ? 0 : -1;
}

static inline void lock_get(gen_lock_t *lock)
{
	pthread_mutex_lock(lock);
}

static inline void lock_release(gen_lock_t *lock)
{
	pthread_mutex_unlock(lock);
}

/* A set of locks addressed by index (lock_set_get(s, i)). */
struct gen_lock_set_t_ {
	long size;
	gen_lock_t *locks;
};
typedef struct gen_lock_set_t_ gen_lock_set_t;

/* Initialises every lock of the set; returns the set, or NULL if one failed (the ones
 * already initialised are destroyed again). */
static inline gen_lock_set_t *lock_set_init(gen_lock_set_t *s)
{
	long i;
	for (i = 0; i < s->size; i++) {
		if (lock_init(&s->locks[i]) == (gen_lock_t *)0) {
			while (i > 0)
				lock_destroy(&s->locks[--i]);
			return (gen_lock_set_t *)0;
		}
	}
	return s;
}

static inline void lock_set_destroy(gen_lock_set_t *s)
{
	long i;
	for (i = 0; i < s->size; i++)
		lock_destroy(&s->locks[i]);
}

static inline void lock_set_get(gen_lock_set_t *s, int n)
{
	lock_get(&s->locks[n]);
}

static inline void lock_set_release(gen_lock_set_t *s, int n)
{
	lock_release(&s->locks[n]);
}

/* 0 when taken, -1 when held elsewhere. */
static inline int lock_set_try(gen_lock_set_t *s, int n)
{
	return lock_try(&s->locks[n]);
}

#endif
