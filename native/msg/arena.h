/* A bump allocator made of chunks that are kept for reuse: after the first messages of
 * a given size, building a view allocates nothing. Owned by one slot (one thread). */
#ifndef SB_ARENA_H
#define SB_ARENA_H

#include <stddef.h>

struct sb_arena_chunk;

struct sb_arena {
	struct sb_arena_chunk *head;
	struct sb_arena_chunk *cur;
	size_t chunk_size;
};

int sb_arena_init(struct sb_arena *a, size_t chunk_size);
/* Zeroed, 16-byte aligned memory valid until the next reset; NULL when out of memory. */
void *sb_arena_alloc(struct sb_arena *a, size_t size);
void sb_arena_reset(struct sb_arena *a);
/* 1 when p lies in one of the arena's chunks. */
int sb_arena_owns(const struct sb_arena *a, const void *p);
void sb_arena_destroy(struct sb_arena *a);
size_t sb_arena_chunk_count(const struct sb_arena *a);

#endif
