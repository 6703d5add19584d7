/* Where a parse function puts what it allocates: pkg memory when a module calls it, the
 * slot's arena when the core builds a view. */
#ifndef SB_MEM_H
#define SB_MEM_H

#include <stddef.h>
#include "arena.h"

struct sb_mem {
	void *(*alloc)(void *ctx, size_t size);   /* zeroed memory or NULL */
	void *ctx;
};

extern const struct sb_mem sb_pkg_mem;

static inline void *sb_mem_alloc(const struct sb_mem *m, size_t size)
{
	return m->alloc(m->ctx, size);
}

void sb_mem_for_arena(struct sb_mem *m, struct sb_arena *a);

/* 1 when p belongs to the core's view of the message being processed on this thread
 * (free functions must then leave it alone). */
int sb_mem_is_core(const void *p);

#endif
