/* The two allocators parse functions use (see sb_mem.h). */
#include <string.h>
#include "sb_msg_int.h"

__thread struct sb_slot *sb_cur_slot __attribute__((tls_model("initial-exec")));

static void *pkg_zalloc(void *ctx, size_t size)
{
	void *p;
	(void)ctx;
	p = pkg_malloc(size);
	if (p)
		memset(p, 0, size);
	return p;
}

const struct sb_mem sb_pkg_mem = { pkg_zalloc, NULL };

static void *arena_zalloc(void *ctx, size_t size)
{
	return sb_arena_alloc((struct sb_arena *)ctx, size);
}

void sb_mem_for_arena(struct sb_mem *m, struct sb_arena *a)
{
	m->alloc = arena_zalloc;
	m->ctx = a;
}

int sb_mem_is_core(const void *p)
{
	return sb_cur_slot != NULL && sb_arena_owns(&sb_cur_slot->arena, p);
}
