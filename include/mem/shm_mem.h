/* sipbridge module SDK: "shm" memory (OpenSIPS 1.11 interface).
 * Thread-safe; the *_unsafe variants exist for source compatibility and are the same
 * calls (there is no separate lock to hold). See mem.h for the accounting rules. */
#ifndef SB_SDK_SHM_MEM_H
#define SB_SDK_SHM_MEM_H

#include <stddef.h>
#include <errno.h>    /* 1.11 modules get errno through this header */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include "../dprint.h"
/* 1.11's shm_mem.h brings these to every module; sl and enum rely on error.h, tm's pt.h
 * and call_center on statistics.h (stat_var) */
#include "../statistics.h"
#include "../error.h"

void *shm_malloc(size_t size);
void *shm_realloc(void *p, size_t size);
void shm_free(void *p);

#define shm_malloc_unsafe(_s)      shm_malloc(_s)
#define shm_realloc_unsafe(_p, _s) shm_realloc((_p), (_s))
#define shm_free_unsafe(_p)        shm_free(_p)
/* 1.11's shm_resize: a block of the new size; here realloc semantics (the content is
 * kept, and on failure NULL is returned and the old block stays allocated). */
#define shm_resize(_p, _s)         shm_realloc((_p), (_s))
#define shm_lock()                 do {} while (0)
#define shm_unlock()               do {} while (0)

void shm_status(void);
unsigned long shm_available(void);

#define SHM_MEM_ERROR LM_ERR("No more shm memory\n")

/* 1.11's shm_mem.h gives modules gen_lock_t (qos relies on it) */
#include "../lock_ops.h"

#endif
